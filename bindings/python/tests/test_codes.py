"""gbo.codes() and Codes.list(): every list, in every language, as `gbo codes`
lists it — ICU-collated labels, validity (issue #20, its code-list part)."""

import datetime
import re
import unittest

import gbo
from gbo_test_support import LANGS, cli, src

LINE = re.compile(r"^(\S+)\s+(.*?)(?: \(until (\d{4})-(\d\d)-(\d\d)\))?$")


def cli_codes(lst: str, lang: str, *options: str) -> list[tuple]:
    out = cli("codes", lst, "--lang", lang, *options).stdout.decode().splitlines()
    rows = []
    for line in out:
        m = LINE.match(line)
        assert m, line
        until = datetime.date(int(m[3]), int(m[4]), int(m[5])) if m[3] else None
        rows.append((m[1], m[2], until))
    return rows


class Codes(unittest.TestCase):
    def test_every_list_in_every_language_as_the_tool(self) -> None:
        lists = gbo.Codes().lists
        self.assertGreater(len(lists), 10)
        for lst in lists:
            for lang in LANGS:
                with self.subTest(list=lst, lang=lang):
                    got = [(c.value, c.label, c.valid_until) for c in gbo.codes(lst, lang=lang)]
                    self.assertEqual(got, cli_codes(lst, lang))

    def test_an_extension_as_the_tool(self) -> None:
        ext = src("examples", "codelists", "network-extension.xml")
        codes = gbo.Codes([ext])
        for lst in codes.lists:
            got = [(c.value, c.label, c.valid_until) for c in codes.list(lst, "nl")]
            self.assertEqual(got, cli_codes(lst, "nl", "--extension", ext), lst)
        origins = {c.origin for lst in codes.lists for c in codes.list(lst)}
        self.assertEqual(origins, {"gbo", codes.extensions[0][0]})

    def test_fields(self) -> None:
        housing = [c for c in gbo.codes("life-domain", "nl") if c.value == "housing"][0]
        self.assertEqual(housing.label, "Wonen")
        self.assertIsInstance(housing.valid_from, datetime.date)
        self.assertTrue(housing.definition)
        self.assertEqual(housing.origin, "gbo")

    def test_bad_arguments(self) -> None:
        with self.assertRaises(ValueError):
            gbo.codes("no-such-list")
        with self.assertRaises(TypeError):
            gbo.codes(3)  # type: ignore[arg-type]
        with self.assertRaises(ValueError):
            gbo.codes("life-domain\0x")
        with self.assertRaises(ValueError):
            gbo.codes("life-domain", lang="xx")


if __name__ == "__main__":
    unittest.main()
