"""Every Python example in docs/python.md and the README runs as written,
from the top of the source tree."""

import os
import pathlib
import re
import subprocess
import sys
import unittest

from gbo_test_support import SRCDIR, src


class Docs(unittest.TestCase):
    def test_examples_run(self) -> None:
        blocks = []
        for doc, least in ((src("docs", "python.md"), 10), (src("README.md"), 1)):
            found = re.findall(r"^```python\n(.*?)^```", pathlib.Path(doc).read_text(encoding="utf-8"), re.M | re.S)
            self.assertGreaterEqual(len(found), least, doc)
            blocks += found
        for block in blocks:
            with self.subTest(block=block.splitlines()[0]):
                result = subprocess.run([sys.executable, "-c", block], cwd=SRCDIR, capture_output=True, text=True,
                                        env=dict(os.environ), timeout=120)
                self.assertEqual(result.returncode, 0, result.stderr)


if __name__ == "__main__":
    unittest.main()
