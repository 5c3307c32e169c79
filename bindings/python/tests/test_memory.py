"""No memory grows with use: RSS after 10 000 validate/parse/model/write loops is
within 2 MiB of RSS after 1 000, and a short run is clean under valgrind
(definite leaks; tests valgrind-python.supp names CPython's own)."""

import os
import shutil
import subprocess
import sys
import textwrap
import unittest

from gbo_test_support import src

LOOP = textwrap.dedent(
    """
    import gbo, pathlib, sys
    doc = pathlib.Path(sys.argv[1]).read_bytes()
    refused = pathlib.Path(sys.argv[2]).read_bytes()
    bundle = pathlib.Path(sys.argv[3]).read_bytes()
    uncovered = pathlib.Path(sys.argv[4]).read_bytes()
    validator = gbo.Validator(lang="en")
    def model():
        ex = gbo.parse(doc)
        gbo.Exchange.from_dict(ex.to_dict()).to_xml()
        referral = ex.referrals[0]
        domain = referral.life_domains.add(domain="income", note="x", steps=["a", "b"])
        del referral.life_domains[-1]  # detaches domain's wrapper
        try:
            domain.note
        except ReferenceError:
            pass
        referral.from_ = {"organisation": {"ref": referral.to.organisation.ref}}
        referral.life_domains = list(referral.life_domains)[:1] + [gbo.LifeDomain(domain="health")]
        person = ex.persons[0]
        person.birth_date = gbo.BirthDate(1980)
        for bad in ("nope", 3):
            try:
                person.id = bad
            except (gbo.InvalidValueError, TypeError):
                pass
        try:
            gbo.Person(nickname="x")
        except TypeError:
            pass
        try:
            gbo.Person.from_dict({"address": {"street": 1}})
        except TypeError:
            pass
        ex.copy().organisations.pop()
        ctx = gbo.ConsentContext([ex])
        gbo.evaluate_consent(ctx.find(ex.consents[0].id), recipient=ex.recipient, purpose="reception",
                             category="health", context=ctx)
        refused_write = gbo.parse(uncovered)
        try:
            refused_write.to_xml(context=ctx)
        except gbo.ConsentError:
            pass
        refused_write.minimise()
    def once():
        model()
        validator.validate(doc)
        validator.validate_many([doc, refused])
        gbo.parse(doc).to_xml()
        try:
            gbo.parse(refused)
        except gbo.DocumentError:
            pass
        try:
            gbo.parse("no/such/file.xml")
        except OSError:
            pass
        with gbo.open_bundle(bundle) as items:
            for item in items:
                item.exchange.to_xml()
        try:
            for item in gbo.open_bundle(bundle[: len(bundle) // 2]):  # broken midway
                pass
        except gbo.DocumentError:
            pass
    """
)


RSS = textwrap.dedent(
    """
    import gc, pathlib
    def rss_kib():
        for line in pathlib.Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    for _ in range(1000):
        once()
    gc.collect()
    after_1000 = rss_kib()
    for _ in range(9000):
        once()
    gc.collect()
    print(after_1000, rss_kib())
    """
)


class Memory(unittest.TestCase):
    doc = src("examples", "referral-warm.xml")
    refused = src("tests", "fixtures", "rules", "GBO-R001", "trigger.xml")
    bundle = src("examples", "bundle.xml")
    uncovered = src("tests", "fixtures", "rules", "GBO-C004", "trigger.xml")

    def test_rss_does_not_grow(self) -> None:
        env = dict(os.environ)
        if os.environ.get("GBO_PYTHON_SANITIZED"):
            # AddressSanitizer's allocator grows RSS by itself (measured: 0.3 KiB a loop with
            # its quarantine off, none in a plain build), so here LeakSanitizer, which sees
            # every allocation, must find no leak over the loops instead.
            env.update(ASAN_OPTIONS=env.get("ASAN_OPTIONS", "") + ":detect_leaks=1", PYTHONMALLOC="malloc")
            result = subprocess.run([sys.executable, "-c", LOOP + "\nfor _ in range(2000):\n    once()\n",
                                     self.doc, self.refused, self.bundle, self.uncovered], capture_output=True, text=True, env=env, timeout=900)
            self.assertEqual(result.returncode, 0, result.stderr[-4000:])
            return
        result = subprocess.run([sys.executable, "-c", LOOP + RSS, self.doc, self.refused, self.bundle, self.uncovered],
                                capture_output=True, text=True, env=env, timeout=900)
        self.assertEqual(result.returncode, 0, result.stderr[-4000:])
        after_1000, after_10000 = map(int, result.stdout.split())
        self.assertLess(after_10000 - after_1000, 2048, f"{after_1000} KiB after 1 000 loops, {after_10000} after 10 000")

    def test_valgrind_finds_no_leak(self) -> None:
        script = LOOP + "\nfor _ in range(3):\n    once()\n"
        args = [sys.executable, "-c", script, self.doc, self.refused, self.bundle, self.uncovered]
        env = dict(os.environ, PYTHONMALLOC="malloc")
        if os.environ.get("GBO_PYTHON_SANITIZED"):
            # libgbo is built with AddressSanitizer here, which valgrind cannot
            # run; the same loop runs under ASan and UBSan instead.
            result = subprocess.run(args, capture_output=True, text=True, env=env, timeout=600)
        else:
            valgrind = os.environ.get("VALGRIND") or shutil.which("valgrind")
            self.assertTrue(valgrind, "valgrind is needed (scripts/install-deps installs it)")
            result = subprocess.run(
                [valgrind, "--quiet", "--error-exitcode=98", "--leak-check=full",
                 "--show-leak-kinds=definite", "--errors-for-leak-kinds=definite",
                 "--suppressions=" + os.path.join(os.path.dirname(__file__), "valgrind-python.supp"),
                 *args],
                capture_output=True, text=True, env=env, timeout=900,
            )
        self.assertEqual(result.returncode, 0, result.stderr[-4000:])


if __name__ == "__main__":
    unittest.main()
