"""lxml and gbo in one process, on one libxml2: neither changes what the other
finds, one after the other or at once in threads."""

import threading
import unittest

from lxml import etree

import gbo
from gbo_test_support import examples, rule_fixtures, src

BROKEN = b'<exchange xmlns="urn:gbo:exchange:1" version="1.0"><unknown/></exchange>'


def lxml_results(schema: etree.XMLSchema) -> list:
    results = []
    for path in examples()[:8] + [src("tests", "fixtures", "rules", "GBO-R001", "trigger.xml")]:
        results.append((schema.validate(etree.parse(path)), [str(e) for e in schema.error_log]))
    results.append((schema.validate(etree.fromstring(BROKEN).getroottree()), [e.message for e in schema.error_log]))
    try:
        etree.fromstring(b"<unclosed>")
    except etree.XMLSyntaxError as e:
        results.append(("syntax", e.msg))
    return results


def gbo_results(validator: gbo.Validator) -> list:
    return [[(d.rule, d.line, d.message) for d in validator.validate(p)] for p in rule_fixtures()[:40]]


class WithLxml(unittest.TestCase):
    def test_neither_changes_the_other(self) -> None:
        validator = gbo.Validator(lang="en")
        gbo_before = gbo_results(validator)
        schema = etree.XMLSchema(etree.parse(src("data", "gbo-exchange-1.xsd")))
        lxml_before = lxml_results(schema)
        self.assertFalse(lxml_before[-2][0])  # the broken document is invalid, and says why
        self.assertTrue(lxml_before[-2][1])
        self.assertEqual(gbo_results(validator), gbo_before)
        self.assertEqual(lxml_results(schema), lxml_before)
        # a gbo reader refusing a DOCTYPE must not leave libxml2 settings lxml sees
        with self.assertRaises(gbo.DocumentError):
            gbo.parse(src("tests", "fixtures", "hostile", "external-entity.xml"))
        self.assertEqual(lxml_results(schema), lxml_before)

    def test_at_once_in_threads(self) -> None:
        validator = gbo.Validator(lang="en")
        gbo_before = gbo_results(validator)
        lxml_before = lxml_results(etree.XMLSchema(etree.parse(src("data", "gbo-exchange-1.xsd"))))
        failures: list[str] = []

        def use_lxml() -> None:
            schema = etree.XMLSchema(etree.parse(src("data", "gbo-exchange-1.xsd")))
            for _ in range(3):
                if lxml_results(schema) != lxml_before:
                    failures.append("lxml")

        def use_gbo() -> None:
            for _ in range(3):
                if gbo_results(validator) != gbo_before:
                    failures.append("gbo")

        threads = [threading.Thread(target=f) for f in (use_lxml, use_gbo) * 3]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(failures, [])


if __name__ == "__main__":
    unittest.main()
