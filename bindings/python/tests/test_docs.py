"""Every Python example in docs/python.md runs as written, from the top of the
source tree."""

import os
import pathlib
import re
import subprocess
import sys
import unittest

from gbo_test_support import SRCDIR, src


class Docs(unittest.TestCase):
    def test_examples_run(self) -> None:
        text = pathlib.Path(src("docs", "python.md")).read_text(encoding="utf-8")
        blocks = re.findall(r"^```python\n(.*?)^```", text, re.M | re.S)
        self.assertGreaterEqual(len(blocks), 5)
        for block in blocks:
            with self.subTest(block=block.splitlines()[0]):
                result = subprocess.run([sys.executable, "-c", block], cwd=SRCDIR, capture_output=True, text=True,
                                        env=dict(os.environ), timeout=120)
                self.assertEqual(result.returncode, 0, result.stderr)


if __name__ == "__main__":
    unittest.main()
