"""Validate every exchange document and bundle in a folder, as `gbo validate`
would: one line a finding, then a summary; exit status 1 when any error.

    python3 validate_folder.py FOLDER [LANG]
"""

import pathlib
import sys

import gbo


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    folder = pathlib.Path(argv[1])
    validator = gbo.Validator(lang=argv[2] if len(argv) > 2 else None)
    files = sorted(str(p) for p in folder.glob("*.xml"))
    errors = warnings = 0
    for diagnostics in validator.validate_many(files):  # every core, in input order
        for d in diagnostics:
            print(d)
            if d.severity == "error":
                errors += 1
            else:
                warnings += 1
    print(f"{len(files)} files: {errors} errors, {warnings} warnings (libgbo {gbo.__version__})")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
