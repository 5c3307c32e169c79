"""The stubs are the module: mypy's stubtest finds no difference, and the
examples type-check with mypy --strict (python3-mypy)."""

import glob
import os
import subprocess
import sys
import tempfile
import unittest

from gbo_test_support import src


def mypy(*args: str) -> subprocess.CompletedProcess[str]:
    """mypy or stubtest with its cache in a temporary directory (never in the source tree)."""
    with tempfile.TemporaryDirectory() as work:
        config = os.path.join(work, "mypy.ini")
        with open(config, "w") as f:
            f.write(f"[mypy]\ncache_dir = {os.path.join(work, 'cache')}\n")
        option = "--mypy-config-file" if args[0] == "mypy.stubtest" else "--config-file"
        env = dict(os.environ, MYPYPATH=os.environ.get("PYTHONPATH", ""))
        return subprocess.run(
            [sys.executable, "-m", *args, option, config], capture_output=True, text=True, env=env, cwd=work, timeout=600
        )


class Typing(unittest.TestCase):
    def test_stubtest(self) -> None:
        result = mypy("mypy.stubtest", "gbo")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_examples_are_strictly_typed(self) -> None:
        examples = sorted(glob.glob(src("examples", "python", "*.py")))
        self.assertTrue(examples)
        result = mypy("mypy", "--strict", *examples)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)


if __name__ == "__main__":
    unittest.main()
