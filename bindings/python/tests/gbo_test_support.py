"""What the binding's tests share: where the sources and the gbo tool are."""

import glob
import json
import os
import subprocess

SRCDIR = os.environ.get("GBO_SRCDIR", os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..")))
CLI = os.environ.get("GBO_CLI", os.path.join(SRCDIR, "tools", "gbo"))
LANGS = ("nl", "fr", "de", "en")


def src(*parts: str) -> str:
    return os.path.join(SRCDIR, *parts)


def examples() -> list[str]:
    """Every example document and bundle (not the code-list extensions)."""
    return sorted(glob.glob(src("examples", "*.xml")))


def rule_fixtures() -> list[str]:
    """Every rule's trigger and near-twin fixtures."""
    return sorted(glob.glob(src("tests", "fixtures", "rules", "*", "*.xml")))


def cli(*args: str, check: bool = True) -> subprocess.CompletedProcess[bytes]:
    result = subprocess.run([CLI, *args], capture_output=True)
    if check and result.returncode not in (0, 1):
        raise AssertionError(f"gbo {' '.join(args)}: exit {result.returncode}: {result.stderr!r}")
    return result


def cli_json(files: list[str], lang: str, *options: str) -> list[dict]:
    """The gbo tool's JSON report: one entry a file, in order."""
    out = cli("validate", "--format", "json", "--lang", lang, "--jobs", "2", *options, *files).stdout
    return json.loads(out)["files"]


def cli_diagnostics(entry: dict) -> list[tuple]:
    """A file's diagnostics as the binding's Diagnostic fields, item after item."""
    return [
        (d["rule"], d["severity"], d["line"], d["column"], d["path"], d["message"], entry["file"], item["index"])
        for item in entry["items"]
        for d in item["diagnostics"]
    ]


def fields(d) -> tuple:
    return (d.rule, d.severity, d.line, d.column, d.path, d.message, d.file, d.document_index)
