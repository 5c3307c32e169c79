"""The GIL is released around every parse, validation and read, and one
Validator serves many threads."""

import os
import pathlib
import subprocess
import sys
import textwrap
import threading
import time
import unittest

import gbo
from gbo_test_support import examples, rule_fixtures, src

# A document arrives through a FIFO whose writer is another Python thread: if
# the call held the GIL while the library opens and reads the FIFO, the writer
# could never run and the process would hang (the timeout says so).
FIFO_SCRIPT = textwrap.dedent(
    """
    import os, sys, tempfile, threading
    import gbo
    data = open(sys.argv[1], "rb").read()
    directory = tempfile.mkdtemp()
    for call in ("validate", "validate_many", "parse"):
        fifo = os.path.join(directory, call + ".xml")
        os.mkfifo(fifo)
        def write():
            with open(fifo, "wb") as f:
                f.write(data)
        writer = threading.Thread(target=write)
        writer.start()
        if call == "validate":
            result = [d.rule for d in gbo.Validator(lang="en").validate(fifo)]
        elif call == "validate_many":
            result = [[d.rule for d in ds] for ds in gbo.Validator(lang="en").validate_many([fifo])]
        else:
            result = len(gbo.parse(fifo).to_xml())
        writer.join()
        os.unlink(fifo)
        print(call, result)
    os.rmdir(directory)
    """
)


def big_bundle(copies: int) -> bytes:
    items = [pathlib.Path(p).read_bytes() for p in examples() if "bundle" not in p]
    body = b"".join(item.split(b"?>", 1)[1] for item in items)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n<bundle xmlns="urn:gbo:exchange:1">' + body * copies + b"</bundle>\n"


class GilReleased(unittest.TestCase):
    def test_a_fifo_written_by_another_thread(self) -> None:
        result = subprocess.run(
            [sys.executable, "-c", FIFO_SCRIPT, src("tests", "fixtures", "rules", "GBO-R001", "trigger.xml")],
            capture_output=True, text=True, timeout=120,
        )
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(
            result.stdout.splitlines(),
            ["validate ['GBO-R001']", "validate_many [['GBO-R001']]", f"parse {len(gbo.parse(src('tests', 'fixtures', 'rules', 'GBO-R001', 'trigger.xml')).to_xml())}"],
        )

    def test_python_runs_while_a_large_bundle_is_validated(self) -> None:
        data = big_bundle(60)
        self.assertGreater(len(data), 1 << 20)
        ticks = 0
        done = threading.Event()

        def count() -> None:
            nonlocal ticks
            while not done.is_set():
                ticks += 1

        counter = threading.Thread(target=count)
        counter.start()
        start, started = ticks, time.perf_counter()
        time.sleep(0.3)  # the loop alone: its pace
        alone = (ticks - start) / (time.perf_counter() - started)
        start, started = ticks, time.perf_counter()
        for _ in range(3):
            gbo.Validator(lang="en").validate(data)
        during = (ticks - start) / (time.perf_counter() - started)
        done.set()
        counter.join()
        # Released, the loop keeps most of its pace (measured: about all of
        # it); held, it runs only in the switch intervals between results
        # (about a twentieth).
        self.assertGreater(during, alone / 4, f"{during:.0f} ticks/s while validating, {alone:.0f} alone")


class SharedValidator(unittest.TestCase):
    def test_many_threads_one_validator(self) -> None:
        validator = gbo.Validator(lang="en")
        files = examples() + rule_fixtures()
        expected = [validator.validate(f) for f in files]
        failures: list[str] = []

        def work(offset: int) -> None:
            for i in range(len(files)):
                j = (i + offset) % len(files)
                if validator.validate(files[j]) != expected[j]:
                    failures.append(files[j])
            if validator.validate_many(files, jobs=2) != expected:
                failures.append("validate_many")

        threads = [threading.Thread(target=work, args=(n * 7,)) for n in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(failures, [])


if __name__ == "__main__":
    unittest.main()


class SharedExchange(unittest.TestCase):
    """Two threads change an exchange while a third writes it (the writer
    runs without the GIL, on a copy taken with it): every write is one whole
    state of the document, and nothing breaks (clean under ASan:
    tests/python.sh runs in the sanitizer build)."""

    ROUNDS = 10_000

    def test_one_thread_mutates_one_writes(self) -> None:
        exchange = gbo.parse(src("examples", "referral-warm.xml"))
        referral = exchange.referrals[0]
        errors: list[BaseException] = []
        written: list[bytes] = []
        start = threading.Barrier(3)

        def mutate() -> None:
            try:
                start.wait()
                for i in range(self.ROUNDS):
                    referral.help_question = f"Vraag {i}"
                    referral.life_domains.append({"domain": "income"})
                    referral.urgency = "high" if i % 2 else "normal"
                    del referral.life_domains[-1]
                    if i % 100 == 0:
                        referral.life_domains = list(referral.life_domains)
            except BaseException as e:  # reported by the test thread
                errors.append(e)

        def write() -> None:
            try:
                start.wait()
                for i in range(self.ROUNDS):
                    data = exchange.to_xml()
                    if i % 500 == 0:
                        written.append(data)
            except BaseException as e:
                errors.append(e)

        def churn() -> None:
            try:
                start.wait()
                for i in range(self.ROUNDS):
                    exchange.persons.append(exchange.persons[0])
                    del exchange.persons[-1]
                    referral.urgency = None
            except BaseException as e:
                errors.append(e)

        threads = [threading.Thread(target=f) for f in (mutate, churn, write)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        self.assertEqual(len(written), self.ROUNDS // 500)
        for data in written:  # each a whole document the library reads back
            self.assertEqual(gbo.parse(data).to_xml(), data)
        self.assertEqual(referral.help_question, f"Vraag {self.ROUNDS - 1}")
