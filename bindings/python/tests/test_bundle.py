"""gbo.open_bundle(): a bundle's items one by one, in constant memory; a refused
item is an item with diagnostics; one bundle shared by threads (issue #20, its
bundle part)."""

import errno
import gc
import io
import os
import pathlib
import subprocess
import sys
import textwrap
import threading
import unittest
import weakref

import gbo
from gbo_test_support import src

BUNDLE = src("examples", "bundle.xml")

# A bundle of n copies of one item, streamed through a file object: nothing
# of it is ever whole in memory, here or in the library.
STREAM = textwrap.dedent(
    """
    import io, pathlib, sys
    import gbo
    data = pathlib.Path(globals().get("BUNDLE_PATH") or sys.argv[1]).read_bytes()
    start = data.index(b"<exchange")
    item = data[start:data.index(b"</exchange>") + len(b"</exchange>")]
    head, tail = data[:start], b"</bundle>\\n"

    class Stream(io.RawIOBase):
        def __init__(self, n):
            self.parts = iter([head] + [item] * n + [tail])
            self.pending = b""
        def readable(self):
            return True
        def readinto(self, b):
            while not self.pending:
                self.pending = next(self.parts, None)
                if self.pending is None:
                    return 0
            n = min(len(b), len(self.pending))
            b[:n], self.pending = self.pending[:n], self.pending[n:]
            return n

    def rss_kib():
        for line in pathlib.Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    """
)


class Items(unittest.TestCase):
    def test_every_source_gives_the_items(self) -> None:
        data = pathlib.Path(BUNDLE).read_bytes()
        for source in (BUNDLE, pathlib.Path(BUNDLE), data, io.BytesIO(data)):
            with gbo.open_bundle(source, lang="en") as bundle:
                items = list(bundle)
            self.assertEqual([i.document_index for i in items], [1, 2, 3, 4, 5])
            for item in items:
                self.assertEqual(item.diagnostics, [])
                self.assertIsInstance(item.exchange, gbo.Exchange)
                xml = item.exchange.to_xml()
                self.assertEqual(gbo.parse(xml).to_xml(), xml)
        self.assertEqual(gbo.Validator().validate(BUNDLE), [])

    def test_a_refused_item_does_not_end_the_loop(self) -> None:
        data = pathlib.Path(BUNDLE).read_bytes().replace(b"<createdAt>", b"<bogus/><createdAt>", 1)
        items = list(gbo.open_bundle(data, lang="en"))
        self.assertEqual([i.document_index for i in items], [1, 2, 3, 4, 5])
        self.assertIsNone(items[0].exchange)
        self.assertEqual([d.rule for d in items[0].diagnostics], ["GBO-X003"])
        self.assertEqual(items[0].diagnostics[0].document_index, 1)
        self.assertEqual([d.rule for d in items[0].diagnostics],
                         [d.rule for d in gbo.Validator(lang="en").validate(data) if d.document_index == 1])
        self.assertTrue(all(i.exchange is not None for i in items[1:]))

    def test_a_broken_bundle_raises_after_the_items_before(self) -> None:
        data = pathlib.Path(BUNDLE).read_bytes()
        seen = []
        with self.assertRaises(gbo.DocumentError) as e:
            for item in gbo.open_bundle(data[: len(data) // 2]):
                seen.append(item.document_index)
        self.assertEqual(e.exception.rule, "GBO-X001")
        self.assertEqual(seen, [1, 2])  # the items before the break
        bundle = gbo.open_bundle(data[: len(data) // 2])
        with self.assertRaises(gbo.DocumentError):
            list(bundle)
        self.assertEqual(list(bundle), [])  # ended
        with self.assertRaises(gbo.DocumentError) as e:
            list(gbo.open_bundle(src("examples", "referral-warm.xml")))
        self.assertEqual(e.exception.rule, "GBO-X004")

    def test_a_file_object_that_fails_midway(self) -> None:
        # found in review: the item read whole just before the failure was lost
        namespace: dict = {"BUNDLE_PATH": BUNDLE}
        exec(STREAM, namespace)

        class Failing(namespace["Stream"]):  # type: ignore[misc]
            def __init__(self) -> None:
                super().__init__(45)
                self.given = 0

            def readinto(self, b):  # type: ignore[no-untyped-def]
                if self.given > 45 * 1100:
                    raise OSError(5, "the disk went away")
                n = super().readinto(memoryview(b)[:512])
                self.given += n
                return n

        bundle = gbo.open_bundle(Failing())
        seen = []
        with self.assertRaisesRegex(OSError, "the disk went away"):
            for item in bundle:
                seen.append(item.document_index)
        self.assertEqual(seen, list(range(1, len(seen) + 1)))
        self.assertGreater(len(seen), 30)
        self.assertEqual(list(bundle), [])  # ended, not MemoryError

    def test_a_file_object_that_uses_its_own_bundle(self) -> None:
        # found in review: re-entering the bundle's lock from its readinto() hung
        holder: list = []

        class Reentrant(io.BytesIO):
            def readinto(self, b):  # type: ignore[no-untyped-def, override]
                if holder:
                    holder[0].close()
                return super().readinto(b)

        bundle = gbo.open_bundle(Reentrant(pathlib.Path(BUNDLE).read_bytes() * 1))
        holder.append(bundle)
        with self.assertRaises(RuntimeError):
            list(bundle)

    def test_a_file_object_that_holds_its_bundle_is_collected(self) -> None:
        # found in review: the bundle was invisible to the collector, so this cycle leaked
        class Holder(io.BytesIO):
            bundle: object = None

        source = Holder(pathlib.Path(BUNDLE).read_bytes())
        source.bundle = gbo.open_bundle(source)
        next(source.bundle)  # type: ignore[call-overload]
        gone = weakref.ref(source)
        del source
        gc.collect()
        self.assertIsNone(gone())

    def test_closing(self) -> None:
        with gbo.open_bundle(BUNDLE) as bundle:
            self.assertEqual(next(bundle).document_index, 1)
        with self.assertRaises(ValueError):
            next(bundle)
        bundle.close()  # again: nothing

    def test_bad_arguments(self) -> None:
        with self.assertRaises(TypeError):
            gbo.open_bundle(3)  # type: ignore[arg-type]
        with self.assertRaises(FileNotFoundError) as e:
            gbo.open_bundle("no/such/bundle.xml")
        self.assertEqual(e.exception.errno, errno.ENOENT)
        with self.assertRaises(ValueError):
            gbo.open_bundle(BUNDLE, lang="xx")
        with self.assertRaises(TypeError):
            gbo.open_bundle(BUNDLE, limits=5)  # type: ignore[arg-type]
        with self.assertRaises(TypeError):
            gbo.Bundle()  # type: ignore[call-arg]
        limited = list(gbo.open_bundle(BUNDLE, limits=gbo.Limits(max_depth=2)))
        self.assertTrue(all(i.exchange is None and i.diagnostics[0].rule == "GBO-X005" for i in limited))


class SharedBundle(unittest.TestCase):
    def test_threads_take_each_item_once(self) -> None:
        namespace: dict = {"BUNDLE_PATH": BUNDLE}
        exec(STREAM, namespace)
        bundle = gbo.open_bundle(namespace["Stream"](2000))
        taken: list[int] = []

        def take() -> None:
            for item in bundle:
                taken.append(item.document_index)

        threads = [threading.Thread(target=take) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(sorted(taken), list(range(1, 2001)))


class ConstantMemory(unittest.TestCase):
    def test_rss_flat_from_1000_to_100000_items(self) -> None:
        env = dict(os.environ)
        if os.environ.get("GBO_PYTHON_SANITIZED"):
            # ASan's allocator grows by itself (see test_memory): LeakSanitizer over 5 000 items
            env.update(ASAN_OPTIONS=env.get("ASAN_OPTIONS", "") + ":detect_leaks=1", PYTHONMALLOC="malloc")
            script = STREAM + "\nassert sum(1 for _ in gbo.open_bundle(Stream(5000))) == 5000\n"
            result = subprocess.run([sys.executable, "-c", script, BUNDLE], capture_output=True, text=True,
                                    env=env, timeout=900)
            self.assertEqual(result.returncode, 0, result.stderr[-4000:])
            return
        script = STREAM + textwrap.dedent(
            """
            marks = {}
            for item in gbo.open_bundle(Stream(100000)):
                assert item.exchange is not None
                if item.document_index in (1000, 100000):
                    marks[item.document_index] = rss_kib()
            print(marks[1000], marks[100000])
            """
        )
        result = subprocess.run([sys.executable, "-c", script, BUNDLE], capture_output=True, text=True, env=env,
                                timeout=900)
        self.assertEqual(result.returncode, 0, result.stderr[-4000:])
        at_1000, at_100000 = map(int, result.stdout.split())
        self.assertLess(at_100000 - at_1000, 2048, f"{at_1000} KiB at item 1 000, {at_100000} at item 100 000")


if __name__ == "__main__":
    unittest.main()
