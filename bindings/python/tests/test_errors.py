"""Every error the binding raises, with its attributes, and bad arguments of
every function: a clear exception, never a crash or a bare SystemError."""

import errno
import io
import os
import pathlib
import tempfile
import unittest

import gbo
from gbo_test_support import src

TRIGGER = src("tests", "fixtures", "rules", "GBO-R001", "trigger.xml")
WARM = src("examples", "referral-warm.xml")


class Parse(unittest.TestCase):
    def test_missing_file_is_oserror_with_errno_and_filename(self) -> None:
        for call in (gbo.parse, gbo.Validator().validate, lambda p: gbo.Validator().validate_many([WARM, p])):
            with self.assertRaises(FileNotFoundError) as e:
                call("no/such/file.xml")
            self.assertEqual(e.exception.errno, errno.ENOENT)
            self.assertEqual(e.exception.filename, "no/such/file.xml")

    def test_a_directory_is_oserror(self) -> None:
        with self.assertRaises(OSError) as e:
            gbo.parse(src("examples"))
        self.assertEqual(e.exception.errno, errno.EISDIR)

    def test_a_refused_document(self) -> None:
        with self.assertRaises(gbo.DocumentError) as e:
            gbo.parse(src("tests", "fixtures", "hostile", "external-dtd.xml"))
        exc = e.exception
        self.assertIsInstance(exc, gbo.Error)
        self.assertEqual(exc.rule, "GBO-X002")
        self.assertGreater(exc.line, 0)
        self.assertIsInstance(exc.column, int)
        self.assertIsInstance(exc.path, str)
        self.assertIn("GBO-X002", [d.rule for d in exc.diagnostics])
        self.assertTrue(all(d.file == src("tests", "fixtures", "hostile", "external-dtd.xml") for d in exc.diagnostics))
        with self.assertRaises(gbo.DocumentError) as e:
            gbo.parse(b"<notes/>")
        self.assertEqual(e.exception.rule, "GBO-X004")
        self.assertIsNone(e.exception.diagnostics[0].file)

    def test_the_writer_refuses_what_consent_does_not_cover(self) -> None:
        exchange = gbo.parse(src("tests", "fixtures", "rules", "GBO-C004", "trigger.xml"))
        with self.assertRaises(gbo.ConsentError) as e:
            exchange.to_xml()
        self.assertNotIsInstance(e.exception, gbo.DocumentError)
        self.assertEqual(e.exception.rule, "GBO-C004")
        self.assertEqual(e.exception.path, "/exchange/referral[1]/helpQuestion")
        self.assertEqual([d.rule for d in e.exception.diagnostics], ["GBO-C004"])

    def test_bad_arguments(self) -> None:
        for bad in (3, None, 1.5, ["a.xml"], object()):
            with self.assertRaises(TypeError):
                gbo.parse(bad)  # type: ignore[arg-type]
        with self.assertRaises(ValueError):
            gbo.parse("a\0b.xml")
        with self.assertRaises(TypeError):
            gbo.parse(WARM, limits="small")  # type: ignore[arg-type]
        with self.assertRaises(TypeError):
            gbo.parse(WARM, gbo.Limits())  # type: ignore[misc]
        with self.assertRaises(TypeError):
            gbo.Exchange(WARM)  # type: ignore[call-arg]
        with self.assertRaises(TypeError):
            gbo.parse(io.StringIO(pathlib.Path(WARM).read_text()))  # a text file


class Sources(unittest.TestCase):
    def test_a_file_object_that_fails_raises_its_own_exception(self) -> None:
        class Broken(io.RawIOBase):
            def readable(self) -> bool:
                return True

            def readinto(self, b) -> int:  # type: ignore[override]
                raise RuntimeError("disk on fire")

        for call in (gbo.parse, gbo.Validator().validate):
            with self.assertRaisesRegex(RuntimeError, "disk on fire"):
                call(Broken())

    def test_a_file_object_that_lies(self) -> None:
        class Liar:
            def readinto(self, b) -> int:
                return len(b) + 10

        class Blocking:
            def readinto(self, b) -> None:
                return None

        with self.assertRaises(ValueError):
            gbo.Validator().validate(Liar())
        with self.assertRaises(BlockingIOError):
            gbo.parse(Blocking())

    def test_a_non_contiguous_buffer(self) -> None:
        with self.assertRaises(TypeError):
            gbo.parse(memoryview(pathlib.Path(WARM).read_bytes())[::2])

    def test_a_file_object_that_keeps_its_buffer(self) -> None:
        # found in review: it was given the library's memory, freed after the call
        kept: list = []

        class Keeper(io.BytesIO):
            def readinto(self, b) -> int:  # type: ignore[override]
                kept.append(b)
                return super().readinto(b)

        self.assertEqual(gbo.Validator().validate(Keeper(pathlib.Path(TRIGGER).read_bytes()))[0].rule, "GBO-R001")
        self.assertTrue(all(isinstance(b, bytearray) for b in kept))  # Python's own
        self.assertEqual(bytes(kept[0][:5]), b"<?xml")

    def test_a_list_changed_while_it_is_read(self) -> None:
        # found in review: __fspath__ emptied the list validate_many was reading
        sources: list = []

        class Emptying:
            def __fspath__(self) -> str:
                sources.clear()
                return WARM

        sources.extend([Emptying(), pathlib.Path(TRIGGER).read_bytes()])
        results = gbo.Validator().validate_many(sources)
        self.assertEqual([[d.rule for d in r] for r in results], [[], ["GBO-R001"]])


class ValidatorArguments(unittest.TestCase):
    def test_options(self) -> None:
        with self.assertRaises(ValueError):
            gbo.Validator(lang="xx")
        with self.assertRaises(TypeError):
            gbo.Validator(lang=3)  # type: ignore[arg-type]
        with self.assertRaises(TypeError):
            gbo.Validator(codes="gbo")  # type: ignore[arg-type]
        ext = src("examples", "codelists", "network-extension.xml")
        with self.assertRaises(ValueError):
            gbo.Validator(codes=gbo.Codes([ext]), extensions=[ext])
        with self.assertRaises(TypeError):
            gbo.Validator(context=WARM)  # type: ignore[arg-type]
        with self.assertRaises(TypeError):
            gbo.Validator(extensions=ext)  # type: ignore[arg-type]
        with self.assertRaises(TypeError):
            gbo.Validator("nl")  # type: ignore[misc]
        with self.assertRaises(TypeError):
            gbo.Validator(limits=3)  # type: ignore[arg-type]
        with self.assertRaises(TypeError):
            gbo.Validator(context=[io.BytesIO(b"")])

    def test_limits(self) -> None:
        for bad in (0, -1):
            with self.assertRaises(ValueError):
                gbo.Limits(max_elements=bad)
        with self.assertRaises(ValueError):
            gbo.Validator(limits=gbo.Limits(max_elements=2**70))  # beyond a size_t
        with self.assertRaises(ValueError):
            gbo.Validator(limits=gbo.Limits(max_depth=2**40))  # an unsigned int in C
        for bad in ("64", True, 64.0):
            with self.assertRaises(TypeError):
                gbo.Limits(max_depth=bad)  # type: ignore[arg-type]

        class Duck:  # anything with the fields will do for the C side, checked there too
            max_document_bytes = max_depth = max_elements = max_text_bytes = 100
            max_attributes = max_start_tag_bytes = max_namespaces = 0

        with self.assertRaises(ValueError):
            gbo.Validator(limits=Duck())  # type: ignore[arg-type]

    def test_codes_with_no_extensions(self) -> None:
        codes = gbo.Codes()
        self.assertIs(gbo.Validator(codes=codes, extensions=iter([])).codes, codes)
        self.assertIsNone(gbo.Validator(extensions=()).codes)

    def test_a_context_that_is_no_regular_file(self) -> None:
        # found in review: a FIFO was read twice (once to see whether it is a bundle) and hung
        directory = tempfile.mkdtemp()
        fifo = os.path.join(directory, "context.xml")
        os.mkfifo(fifo)
        try:
            with self.assertRaises(ValueError):
                gbo.Validator(context=[fifo])
        finally:
            os.unlink(fifo)
            os.rmdir(directory)

    def test_context_and_extension_errors(self) -> None:
        with self.assertRaises(FileNotFoundError):
            gbo.Validator(context=["no/such/context.xml"])
        with self.assertRaises(gbo.DocumentError) as e:
            gbo.Validator(context=[b"<notes/>"])
        self.assertEqual(e.exception.rule, "GBO-X004")
        with self.assertRaises(FileNotFoundError):
            gbo.Codes(["no/such/extension.xml"])
        with self.assertRaises(gbo.Error):
            gbo.Codes([b"<codeListExtension/>"])
        with self.assertRaises(TypeError):
            gbo.Codes([io.BytesIO(b"")])

    def test_validate_many_arguments(self) -> None:
        v = gbo.Validator()
        with self.assertRaises(TypeError):
            v.validate_many(WARM)  # type: ignore[arg-type]
        with self.assertRaises(TypeError):
            v.validate_many(3)  # type: ignore[arg-type]
        for jobs in (0, -1, 5000):
            with self.assertRaises(ValueError):
                v.validate_many([WARM], jobs=jobs)
        with self.assertRaises(TypeError):
            v.validate_many([WARM], jobs="2")  # type: ignore[arg-type]
        with self.assertRaises(TypeError):
            v.validate_many([WARM, 3])  # type: ignore[list-item]
        self.assertEqual(v.validate_many([]), [])
        with self.assertRaises(TypeError):
            v.validate()  # type: ignore[call-arg]


if __name__ == "__main__":
    unittest.main()
