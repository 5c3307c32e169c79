"""Validation from Python gives what the gbo tool gives, and the model's bytes
are `gbo format`'s (issue #19: parity)."""

import io
import os
import pathlib
import unittest

import gbo
from gbo_test_support import LANGS, cli, cli_diagnostics, cli_json, examples, fields, rule_fixtures, src


class Parity(unittest.TestCase):
    files = examples() + rule_fixtures()

    def test_inputs_exist(self) -> None:
        self.assertGreater(len(examples()), 10)
        self.assertGreater(len(rule_fixtures()), 70)

    def test_validate_gives_the_tools_diagnostics_in_every_language(self) -> None:
        for lang in LANGS:
            validator = gbo.Validator(lang=lang)
            self.assertEqual(validator.lang, lang)
            for entry in cli_json(self.files, lang):
                with self.subTest(lang=lang, file=entry["file"]):
                    got = [fields(d) for d in validator.validate(entry["file"])]
                    self.assertEqual(got, cli_diagnostics(entry))

    def test_validate_many_gives_them_in_input_order(self) -> None:
        for lang in ("nl", "en"):
            reports = cli_json(self.files, lang)
            for jobs in (None, 1, 3):
                got = gbo.Validator(lang=lang).validate_many(self.files, jobs=jobs)
                self.assertEqual(len(got), len(self.files))
                for entry, diagnostics in zip(reports, got):
                    self.assertEqual([fields(d) for d in diagnostics], cli_diagnostics(entry), entry["file"])

    def test_str_is_the_tools_text_line(self) -> None:
        validator = gbo.Validator(lang="fr")
        for path in rule_fixtures():
            lines = cli("validate", "--lang", "fr", path).stdout.decode().splitlines()[:-1]  # not the summary
            self.assertEqual([str(d) for d in validator.validate(path)], lines, path)

    def test_a_bundle_names_its_items(self) -> None:
        bundle = src("tests", "fixtures", "rules", "GBO-R014", "trigger.xml")
        entry = cli_json([bundle], "en")[0]
        self.assertGreater(len(entry["items"]), 1)
        got = gbo.Validator(lang="en").validate(bundle)
        self.assertEqual([fields(d) for d in got], cli_diagnostics(entry))

    def test_every_kind_of_source_gives_the_same(self) -> None:
        validator = gbo.Validator(lang="en")
        for path in [src("examples", "bundle.xml"), src("tests", "fixtures", "rules", "GBO-R001", "trigger.xml")]:
            expected = [fields(d)[:6] + (fields(d)[7],) for d in validator.validate(path)]
            data = pathlib.Path(path).read_bytes()
            with open(path, "rb") as f:
                from_file = validator.validate(f)
            sources = [pathlib.Path(path), data, bytearray(data), memoryview(data), io.BytesIO(data)]
            for source in sources:
                got = validator.validate(source)
                self.assertEqual([fields(d)[:6] + (fields(d)[7],) for d in got], expected, type(source))
            self.assertEqual([fields(d)[:6] + (fields(d)[7],) for d in from_file], expected)
            self.assertTrue(all(d.file is None for d in validator.validate(data)))
            self.assertTrue(all(d.file == path for d in validator.validate(path)))

    def test_a_file_object_without_readinto(self) -> None:
        class Reader:
            def __init__(self, data: bytes) -> None:
                self.data = data

            def read(self, size: int) -> bytes:
                chunk, self.data = self.data[:7], self.data[7:]  # small pieces
                return chunk

        data = pathlib.Path(src("tests", "fixtures", "rules", "GBO-R001", "trigger.xml")).read_bytes()
        got = gbo.Validator(lang="en").validate(Reader(data))
        self.assertEqual([d.rule for d in got], ["GBO-R001"])

    def test_context_and_extensions_as_the_tool(self) -> None:
        ext = src("examples", "codelists", "network-extension.xml")
        files = examples()
        context = [src("examples", "referral-warm.xml"), src("examples", "dossier-transfer.xml")]
        options = ["--extension", ext] + [a for c in context for a in ("--context", c)]
        reports = cli_json(files, "nl", *options)
        validator = gbo.Validator(lang="nl", extensions=[ext], context=context)
        shared = gbo.Validator(lang="nl", codes=gbo.Codes([ext]), context=[pathlib.Path(c).read_bytes() for c in context])
        for entry in reports:
            self.assertEqual([fields(d) for d in validator.validate(entry["file"])], cli_diagnostics(entry))
            self.assertEqual([fields(d) for d in shared.validate(entry["file"])], cli_diagnostics(entry))
        self.assertEqual(gbo.Codes([ext]).extensions[0][0], validator.codes.extensions[0][0])

    def test_one_off_validate(self) -> None:
        path = src("tests", "fixtures", "rules", "GBO-R001", "trigger.xml")
        self.assertEqual(gbo.validate(path, lang="de"), gbo.Validator(lang="de").validate(path))


class RoundTrip(unittest.TestCase):
    def test_to_xml_is_gbo_format(self) -> None:
        for path in examples():
            if path.endswith("bundle.xml"):
                continue
            with self.subTest(file=path):
                self.assertEqual(gbo.parse(path).to_xml(), cli("format", path).stdout)
                self.assertEqual(gbo.parse(gbo.parse(path).to_xml()).to_xml(), gbo.parse(path).to_xml())
                with open(path, "rb") as f:
                    self.assertEqual(gbo.parse(f).to_xml(), cli("format", path).stdout)


class Diagnostics(unittest.TestCase):
    def setUp(self) -> None:
        self.d = gbo.Validator(lang="en").validate(src("tests", "fixtures", "rules", "GBO-R001", "trigger.xml"))[0]

    def test_immutable_and_compared_by_value(self) -> None:
        with self.assertRaises(AttributeError):
            self.d.rule = "GBO-X001"  # type: ignore[misc]
        with self.assertRaises(TypeError):
            type(self.d)()
        again = gbo.Validator(lang="en").validate(src("tests", "fixtures", "rules", "GBO-R001", "trigger.xml"))[0]
        self.assertEqual(self.d, again)
        self.assertEqual(hash(self.d), hash(again))
        self.assertNotEqual(self.d, gbo.Validator(lang="nl").validate(self.d.file)[0])
        self.assertIn("GBO-R001", repr(self.d))

    def test_fields(self) -> None:
        self.assertEqual((self.d.rule, self.d.severity, self.d.document_index), ("GBO-R001", "error", 0))
        self.assertIsInstance(self.d.line, int)
        self.assertTrue(self.d.path.startswith("/exchange/"))


class Limits(unittest.TestCase):
    def test_defaults_are_the_librarys(self) -> None:
        limits = gbo.Limits()
        self.assertEqual(limits.max_document_bytes, 16 * 1024 * 1024)
        self.assertEqual(limits.max_depth, 64)
        with self.assertRaises(Exception):
            limits.max_depth = 3  # type: ignore[misc]

    def test_a_limit_applies(self) -> None:
        path = src("examples", "referral-warm.xml")
        small = gbo.Validator(lang="en", limits=gbo.Limits(max_depth=2)).validate(path)
        self.assertEqual([d.rule for d in small], ["GBO-X005"])
        with self.assertRaises(gbo.DocumentError) as e:
            gbo.parse(path, limits=gbo.Limits(max_document_bytes=100))
        self.assertEqual(e.exception.rule, "GBO-X005")


if __name__ == "__main__":
    unittest.main()
