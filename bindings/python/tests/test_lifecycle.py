"""What the C API offers besides the model: the lifecycle table, histories
across documents (as `gbo validate --history`), withdrawal propagation,
identifier checks, and the monitoring figures (as `gbo stats`)."""

import csv
import datetime
import io
import json
import unittest

import gbo
from gbo_test_support import cli, examples, src

UTC = datetime.timezone.utc
HISTORY = [src("examples", name) for name in (
    "referral-warm.xml", "lifecycle-1-received.xml", "lifecycle-2-accepted.xml", "lifecycle-3-first-contact.xml",
    "lifecycle-4-in-progress.xml", "lifecycle-5-completed.xml")] + [src("tests", "fixtures", "history", "late-progress.xml")]


class Lifecycle(unittest.TestCase):
    def test_the_transition_table(self) -> None:
        self.assertEqual(gbo.lifecycle_step("sent", "accepted", "recipient"), "allowed")
        self.assertEqual(gbo.lifecycle_step("completed", "in-progress", "recipient"), "transition")
        self.assertEqual(gbo.lifecycle_step("sent", "accepted", "other"), "poster")
        self.assertEqual(gbo.lifecycle_step("sent", "teleported", "recipient"), "unknown-status")
        self.assertTrue(gbo.lifecycle_is_terminal("completed"))
        self.assertFalse(gbo.lifecycle_is_terminal("accepted"))
        with self.assertRaises(ValueError):
            gbo.lifecycle_step("sent", "accepted", "someone")
        with self.assertRaises(TypeError):
            gbo.lifecycle_is_terminal(3)  # type: ignore[arg-type]

    def test_a_history_finds_what_gbo_validate_history_finds(self) -> None:
        history = gbo.History(gbo.parse(path) for path in HISTORY)
        report = json.loads(cli("validate", "--lang", "en", "--history", "--format", "json", *HISTORY).stdout)
        for source, entry in enumerate(report["files"]):
            expected = [(d["rule"], d["line"], d["column"], d["path"], d["message"])
                        for item in entry["items"] for d in item["diagnostics"]]
            found = [(d.rule, d.line, d.column, d.path, d.message) for d in history.check(source)]
            self.assertEqual(found, expected, entry["file"])
        found_anywhere = [d.rule for source in range(len(HISTORY)) for d in history.check(source)]
        self.assertEqual(found_anywhere, ["GBO-R004"])  # the late update, and nothing else

    def test_status_and_first_contact(self) -> None:
        history = gbo.History()
        for source, path in enumerate(HISTORY[:6]):
            history.add(gbo.parse(path), source)
        (referral,) = history.referral_ids
        self.assertEqual(history.status(referral), "completed")
        self.assertEqual(history.first_contact(referral),
                         (datetime.datetime(2025, 3, 12, 9, 5, tzinfo=UTC), datetime.datetime(2025, 3, 18, 10, 20, tzinfo=UTC)))
        self.assertIsNone(history.status("00000000-0000-4000-8000-000000000000"))
        self.assertIsNone(history.first_contact("00000000-0000-4000-8000-000000000000"))
        with self.assertRaises(TypeError):
            history.add(gbo.Person())  # type: ignore[arg-type]
        with self.assertRaises(OverflowError):
            history.add(gbo.parse(HISTORY[0]), -1)
        with self.assertRaises(TypeError):
            history.status(None)  # type: ignore[arg-type]

    def test_withdrawal_recipients_and_notice(self) -> None:
        withdrawal = gbo.parse(src("examples", "consent-withdrawal.xml")).withdrawals[0]
        assert withdrawal.consent is not None and withdrawal.consent.ref is not None
        propagation = gbo.WithdrawalPropagation(withdrawal.consent.ref, [gbo.parse(src("examples", "referral-warm.xml"))])
        self.assertEqual(propagation.recipients, ("e5240f7d-20e5-4481-bb0c-727090662b66",))
        at = datetime.datetime(2025, 6, 15, 9, tzinfo=UTC)
        notice = propagation.notice(propagation.recipients[0], withdrawal, at)
        self.assertEqual((notice.recipient, notice.created_at, len(notice.withdrawals)),
                         (propagation.recipients[0], at, 1))
        self.assertEqual(gbo.Validator().validate(notice.to_xml()), [])
        with self.assertRaises(KeyError):
            propagation.notice("00000000-0000-4000-8000-000000000000", withdrawal, at)
        with self.assertRaises(TypeError):
            propagation.notice(propagation.recipients[0], gbo.Person(), at)  # type: ignore[arg-type]
        with self.assertRaises(gbo.InvalidValueError):
            propagation.notice(propagation.recipients[0], withdrawal, datetime.datetime(2025, 6, 15))
        with self.assertRaises(TypeError):
            gbo.WithdrawalPropagation(None)  # type: ignore[arg-type]


class Identifiers(unittest.TestCase):
    def test_the_example_identifiers(self) -> None:
        national = gbo.check_national_number("85.07.30-033.28")
        self.assertEqual((national.result, national.digits, national.birth_year, national.birth_month,
                          national.birth_day, national.bis, national.serial),
                         ("valid", "85073003328", 1985, 7, 30, False, 33))
        self.assertEqual(gbo.check_national_number("85.07.30-033.27").result, "check-digits")
        self.assertEqual(gbo.check_national_number("85.47.30-033.17").bis, True)
        self.assertEqual(gbo.check_national_number("12").result, "malformed")
        self.assertIsNone(gbo.check_national_number("12").digits)
        self.assertEqual(gbo.check_national_number("28012336752", on=datetime.date(2026, 1, 1)).result, "future-birth")
        self.assertEqual(gbo.check_enterprise_number("BE 0851.459.268"), ("valid", "valid", "0851459268"))
        self.assertEqual(gbo.check_enterprise_number("0403.170.702").result, "check-digits")
        self.assertEqual(gbo.check_establishment_number("2.001.234.516").result, "valid")
        self.assertEqual(gbo.check_establishment_number("0403.170.701").result, "wrong-prefix")

    def test_bad_arguments(self) -> None:
        with self.assertRaises(TypeError):
            gbo.check_national_number(85073003328)  # type: ignore[arg-type]
        with self.assertRaises(TypeError):
            gbo.check_national_number("85073003328", on=datetime.datetime(2026, 1, 1))
        with self.assertRaises(TypeError):
            gbo.check_enterprise_number(None)  # type: ignore[arg-type]


class Statistics(unittest.TestCase):
    def test_the_rows_gbo_stats_publishes(self) -> None:
        documents = []
        for path in examples():
            if path.endswith("bundle.xml"):
                with gbo.open_bundle(path) as bundle:
                    documents += [item.exchange for item in bundle if item.exchange]
            else:
                documents.append(gbo.parse(path))
        rows = gbo.Stats(documents, min_count=2).rows()
        published = list(csv.reader(io.StringIO(cli("stats", "--min-count", "2", src("examples")).stdout.decode())))
        self.assertEqual(published[0], ["table", "dimension", "value", "count"])
        self.assertEqual([[r.table, r.dimension, r.value, r.count] for r in rows], published[1:])
        self.assertTrue(any(r.hidden for r in rows) and not all(r.hidden for r in rows))
        self.assertTrue(all(r.hidden == (r.count == "suppressed") for r in rows))

    def test_small_counts_are_suppressed(self) -> None:
        stats = gbo.Stats()
        stats.add(gbo.parse(src("examples", "referral-warm.xml")))
        self.assertTrue(all(r.hidden for r in stats.rows() if r.table == "referrals"))

    def test_bad_arguments(self) -> None:
        for bad in (0, -1, 2**32):
            with self.assertRaises(ValueError):
                gbo.Stats(min_count=bad)
        with self.assertRaises(TypeError):
            gbo.Stats(codes="builtin")  # type: ignore[arg-type]
        with self.assertRaises(TypeError):
            gbo.Stats([gbo.Person()])  # type: ignore[list-item]


if __name__ == "__main__":
    unittest.main()
