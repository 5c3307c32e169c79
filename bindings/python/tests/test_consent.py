"""Consent from Python: evaluate_consent() decides as `gbo consent-check`,
the writer's consent gate raises ConsentError, minimise() strips as `gbo
format --minimise`."""

import datetime
import json
import unittest

import gbo
from gbo_test_support import cli, src

CONTEXT = src("tests", "fixtures", "consent", "context.xml")
C004 = src("tests", "fixtures", "rules", "GBO-C004", "trigger.xml")
UTC = datetime.timezone.utc
INSTANTS = (datetime.datetime(2025, 3, 1, 10, 0, tzinfo=UTC), datetime.datetime(2025, 6, 15, 8, 0, tzinfo=UTC))
# (purpose, category, instant): before and after consent 1 is withdrawn
REQUESTS = (
    ("reception", "identity-contact", INSTANTS[0]),
    ("reception", "national-number", INSTANTS[0]),
    ("reception", "identity-contact", INSTANTS[1]),
    ("follow-up", "health", INSTANTS[1]),
)


class Decisions(unittest.TestCase):
    def test_the_same_decisions_as_gbo_consent_check(self) -> None:
        document = gbo.parse(CONTEXT)
        context = gbo.ConsentContext([document])
        organisations = [o.id for o in document.organisations]
        consents = [c.id for c in document.consents]
        self.assertEqual((len(organisations), len(consents)), (6, 13))
        seen = set()
        for consent_id in consents:
            consent = context.find(consent_id)
            assert consent is not None and consent_id is not None
            for recipient in organisations:
                assert recipient is not None
                for purpose, category, at in REQUESTS:
                    decision = gbo.evaluate_consent(
                        consent, recipient=recipient, purpose=purpose, category=category, at=at, context=context
                    )
                    out = cli(
                        "consent-check", CONTEXT, "--consent", consent_id, "--recipient", recipient,
                        "--purpose", purpose, "--category", category, "--at", at.isoformat(), "--format", "json",
                    )
                    expected = json.loads(out.stdout)
                    self.assertEqual(
                        (decision.permit, decision.reason, decision.rule, list(decision.warnings)),
                        (expected["decision"] == "permit", expected["reason"], expected["rule"], expected["warnings"]),
                        f"{consent_id} {recipient} {purpose} {category} {at}",
                    )
                    seen.add((decision.permit, decision.reason, decision.warnings))
        self.assertGreater(len(seen), 4)  # permits, several kinds of deny, warnings

    def test_every_consent_fixture_alike(self) -> None:
        for name in ("every-category.xml", "earlier-consent.xml", "earlier-consent-narrow.xml"):
            path = src("tests", "fixtures", "consent", name)
            document = gbo.parse(path)
            context = gbo.ConsentContext([document])
            for consent in document.consents:
                for organisation in document.organisations:
                    for category in ("identity-contact", "health", "financial"):
                        assert consent.id is not None and organisation.id is not None
                        decision = gbo.evaluate_consent(consent, recipient=organisation.id, purpose="reception",
                                                        category=category, at=INSTANTS[0], context=context)
                        expected = json.loads(cli(
                            "consent-check", path, "--recipient", organisation.id, "--purpose", "reception",
                            "--category", category, "--at", INSTANTS[0].isoformat(), "--format", "json").stdout)
                        self.assertEqual(
                            (decision.permit, decision.reason, decision.rule, list(decision.warnings)),
                            (expected["decision"] == "permit", expected["reason"], expected["rule"], expected["warnings"]),
                            f"{name} {organisation.id} {category}")

    def test_the_context_matters(self) -> None:
        document = gbo.parse(CONTEXT)
        consent = document.consents[0]
        args = dict(recipient="b0000000-0000-4000-8000-00000000000b", purpose="reception", category="identity-contact")
        with_withdrawal = gbo.evaluate_consent(consent, at=INSTANTS[1], context=gbo.ConsentContext([document]), **args)
        self.assertEqual((with_withdrawal.permit, with_withdrawal.rule), (False, "GBO-C006"))
        alone = gbo.evaluate_consent(consent, at=INSTANTS[1], **args)
        self.assertNotEqual(alone.rule, "GBO-C006")

    def test_bad_arguments(self) -> None:
        document = gbo.parse(CONTEXT)
        consent = document.consents[0]
        args = dict(recipient="b0000000-0000-4000-8000-00000000000b", purpose="reception", category="health")
        with self.assertRaises(TypeError):
            gbo.evaluate_consent(document.persons[0], **args)  # type: ignore[arg-type]
        with self.assertRaises(TypeError):
            gbo.evaluate_consent(consent, purpose="reception", category="health")  # type: ignore[call-arg]
        with self.assertRaises(gbo.InvalidValueError):
            gbo.evaluate_consent(consent, at=datetime.datetime(2025, 1, 1), **args)  # naive
        with self.assertRaises(TypeError):
            gbo.evaluate_consent(consent, context=[document], **args)  # type: ignore[arg-type]
        with self.assertRaises(TypeError):
            gbo.ConsentContext([consent])  # type: ignore[list-item]
        with self.assertRaises(TypeError):
            gbo.ConsentContext().find(1)  # type: ignore[arg-type]
        self.assertIsNone(gbo.ConsentContext().find("c0000000-0000-4000-8000-000000000001"))
        self.assertIsInstance(gbo.evaluate_consent(consent, **args), gbo.Decision)  # at=None: now


class Writing(unittest.TestCase):
    def test_the_consent_gate(self) -> None:
        exchange = gbo.parse(C004)
        with self.assertRaises(gbo.ConsentError) as e:
            exchange.to_xml()
        self.assertEqual([d.rule for d in e.exception.diagnostics], ["GBO-C004"])
        with self.assertRaises(gbo.ConsentError):
            exchange.to_xml(context=gbo.ConsentContext([gbo.parse(CONTEXT)]))
        written = exchange.to_xml(emergency=True)  # the caller asserts an emergency basis
        self.assertIn(b"<helpQuestion>", written)
        with self.assertRaises(TypeError):
            exchange.to_xml(context="ctx")  # type: ignore[arg-type]
        with self.assertRaises(TypeError):
            exchange.to_xml(True)  # type: ignore[misc]

    def test_a_structural_refusal_is_a_document_error(self) -> None:
        with self.assertRaises(gbo.DocumentError) as e:
            gbo.Exchange().to_xml()
        self.assertNotIsInstance(e.exception, gbo.ConsentError)

    def test_minimise_strips_as_gbo_format_minimise(self) -> None:
        minimised, stripped = gbo.parse(C004).minimise()
        self.assertEqual(minimised.to_xml(), cli("format", "--minimise", C004).stdout)
        self.assertEqual([(d.rule, d.path) for d in stripped],
                         [("GBO-C004", "/exchange/referral[1]/helpQuestion"), ("GBO-C004", "/exchange/referral[1]/urgency")])
        self.assertEqual(gbo.parse(C004).minimise(gbo.ConsentContext())[0], minimised)


if __name__ == "__main__":
    unittest.main()
