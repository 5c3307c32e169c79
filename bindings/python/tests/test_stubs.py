"""The entity classes' stubs in the source tree are the ones generate_stubs.py
makes from libgbo's field table: a field added to the model and not to the
stubs fails here (`make python-stubs` refreshes them)."""

import importlib.util
import os
import unittest

from gbo import _gbo
from gbo_test_support import src


def generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("generate_stubs", src("bindings", "python", "generate_stubs.py"))
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Stubs(unittest.TestCase):
    def test_the_source_trees_stubs_are_current(self) -> None:
        directory = src("bindings", "python", "gbo")
        for path, text in generator().generated(directory, _gbo._model()).items():
            with self.subTest(stub=os.path.basename(path)), open(path, encoding="utf-8") as f:
                self.assertEqual(f.read(), text, "stale stubs: run make python-stubs")

    def test_a_new_field_would_show(self) -> None:
        model = _gbo._model()
        cls, kind, fields = model[0]
        grown = ((cls, kind, fields + (("new_field", "newField", "text", False, None, None),)),) + model[1:]
        stubs = generator().render_classes(grown)
        self.assertIn("def new_field(self) -> str | None: ...", stubs)
        self.assertNotEqual(stubs, generator().render_classes(model))


if __name__ == "__main__":
    unittest.main()
