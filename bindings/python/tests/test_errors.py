"""Every error the binding raises, with its attributes, and bad arguments of
every function: a clear exception, never a crash or a bare SystemError."""

import errno
import io
import os
import pathlib
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
        with self.assertRaises(gbo.DocumentError) as e:
            exchange.to_xml()
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
            gbo.Exchange()  # type: ignore[call-arg]
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
        with self.assertRaises(BufferError):
            gbo.parse(memoryview(pathlib.Path(WARM).read_bytes())[::2])


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
        for bad in (0, -1, 2**70):
            with self.assertRaises(ValueError):
                gbo.Validator(limits=gbo.Limits(max_elements=bad))
        with self.assertRaises(ValueError):
            gbo.Validator(limits=gbo.Limits(max_depth=2**40))  # an unsigned int in C
        with self.assertRaises(TypeError):
            gbo.Validator(limits=gbo.Limits(max_depth="64"))  # type: ignore[arg-type]

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
