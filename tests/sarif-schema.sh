#!/bin/sh
# Every form of `gbo validate --format sarif` report against the OASIS SARIF 2.1.0
# JSON schema shipped in tests/sarif/ (see its README.md for provenance and
# licence), with python3-jsonschema and the validator the schema declares: the
# examples and every rule fixture's trigger, every fixture directory, hostile
# inputs one by one, absolute names, standard input, a clean run, an unreadable
# file, odd file names, a suppression and --history. Then the check is shown
# able to fail: broken copies of a real report (no version, a result without a
# message, ...) must be rejected.
set -u
gbo="$GBO_BUILDDIR/tools/gbo"
src="$GBO_SRCDIR"
schema="$src/tests/sarif/sarif-schema-2.1.0.json"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
checks=0
py=/usr/bin/python3
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { checks=$((checks + 1)); }
cd "$src" || exit 1
fx=tests/fixtures/rules

if ! $py -c 'import jsonschema' 2>/dev/null; then
    echo "FAIL: python3-jsonschema is missing (scripts/install-deps installs it)"
    echo "sarif-schema: 0 passed, 1 failed"
    exit 1
fi

# report NAME WANT-STATUS GBO-ARGUMENTS...: one SARIF report in $tmp/NAME.sarif
: > "$tmp/list"
report() {
    name=$1; want=$2; shift 2
    "$gbo" validate --lang en --format sarif "$@" > "$tmp/$name.sarif" 2> "$tmp/$name.err"
    got=$?
    if [ "$got" -eq "$want" ]; then ok; else fail "$name: gbo exit $got (want $want)"; cat "$tmp/$name.err"; fi
    echo "$name" >> "$tmp/list"
}

# shellcheck disable=SC2046
report examples-and-triggers 1 examples $(ls $fx/*/trigger.xml)
# shellcheck disable=SC2046
report every-fixture 1 $(ls -d tests/fixtures/*/ $fx/*/)
for h in empty invalid-utf8 utf16 truncated entity-expansion external-entity xinclude \
         major-version-2 foreign-root; do
    report "hostile-$h" 1 "tests/fixtures/hostile/$h.xml"
done
report absolute 1 "$src/examples/referral-warm.xml" "$src/$fx/GBO-I001/trigger.xml" "$src/examples/bundle.xml"
report stdin 1 - < "$fx/GBO-I001/trigger.xml"
report clean 0 examples/referral-warm.xml
report unreadable 2 /nonexistent/x.xml
mkdir "$tmp/odd dir"
cp "$fx/GBO-I001/trigger.xml" "$tmp/odd dir/a #b%c$(printf '\376\377').xml"
report odd-names 1 "$tmp/odd dir/"
cat > "$tmp/suppress.txt" <<'SUP'
GBO-I001    /exchange/person*/nationalNumber      2999-12-31  test data with a known-bad number
SUP
report suppressed 0 --suppress "$tmp/suppress.txt" "$fx/GBO-I001/trigger.xml"
report history 1 --history tests/fixtures/history/ examples/

# Validate them all, then the broken copies, in one python3 (the schema compiles once).
if ! $py - "$schema" "$tmp" > "$tmp/results" <<'PY'
import copy, json, sys
import jsonschema

schema_path, tmp = sys.argv[1], sys.argv[2]
schema = json.load(open(schema_path, encoding="utf-8"))
cls = jsonschema.validators.validator_for(schema)
# the schema declares draft-04: the validator must be that draft's
if schema.get("$schema", "").rstrip("#") != cls.META_SCHEMA["$schema"].rstrip("#"):
    print("FAIL the schema's $schema %r selects %s" % (schema.get("$schema"), cls.__name__))
cls.check_schema(schema)
validator = cls(schema)

def errors(doc):
    return sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))

def where(e):
    return "/".join(str(p) for p in e.absolute_path) or "(root)"

names = [n for n in open(tmp + "/list").read().split("\n") if n]
reports = {}
for name in names:
    try:
        doc = json.loads(open("%s/%s.sarif" % (tmp, name), "rb").read().decode("utf-8"))
    except ValueError as e:
        print("FAIL %s: not JSON in UTF-8: %s" % (name, e))
        continue
    reports[name] = doc
    errs = errors(doc)
    if errs:
        print("FAIL %s: %d schema errors, first at %s: %s" % (name, len(errs), where(errs[0]), errs[0].message[:300]))
        continue
    print("PASS %s: valid SARIF 2.1.0, %d results" % (name, len(doc["runs"][0].get("results", []))))

# the reports carry what they should (a valid but empty report would prove little)
def expect(cond, what):
    print(("PASS " if cond else "FAIL ") + what)
r = reports.get("examples-and-triggers")
if r:
    res = r["runs"][0]["results"]
    expect(len(res) >= 38 and all("message" in x and x.get("locations") for x in res),
           "examples-and-triggers: a located result with a message for each trigger (%d)" % len(res))
r = reports.get("clean")
if r:
    expect(r["runs"][0]["results"] == [], "clean: no results")
r = reports.get("unreadable")
if r:
    expect(any(i.get("executionSuccessful") is False for i in r["runs"][0].get("invocations", [])),
           "unreadable: the invocation is marked unsuccessful")
r = reports.get("suppressed")
if r:
    expect(any(x.get("suppressions") for x in r["runs"][0]["results"]), "suppressed: the result carries a suppression")

# The check can fail: each broken copy of a real report must be rejected.
base = reports.get("examples-and-triggers")
def broken(desc, mutate):
    if base is None:
        print("FAIL broken report (%s): no base report" % desc)
        return
    doc = copy.deepcopy(base)
    mutate(doc)
    errs = errors(doc)
    if errs:
        print("PASS broken report (%s) rejected: %s: %s" % (desc, where(errs[0]), errs[0].message[:120]))
    else:
        print("FAIL broken report (%s) passes the schema: the check cannot fail" % desc)
def drop(d, k):
    del d[k]
broken("no version", lambda d: drop(d, "version"))
broken("version 2.0.0", lambda d: d.update(version="2.0.0"))
broken("a result without message", lambda d: drop(d["runs"][0]["results"][0], "message"))
broken("a result of level fatal", lambda d: d["runs"][0]["results"][0].update(level="fatal"))
broken("a run without tool", lambda d: drop(d["runs"][0], "tool"))
broken("an unknown top-level property", lambda d: d.update(extra=1))
broken("a startLine of 0", lambda d: d["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
       .setdefault("region", {}).update(startLine=0))
PY
then fail "the python3 validation crashed"; fi
while read -r verdict line; do
    case "$verdict" in
        PASS) ok; echo "ok: $line" ;;
        *) fail "$line" ;;
    esac
done < "$tmp/results"
[ -s "$tmp/results" ] || fail "no validation ran"

echo "sarif-schema: $checks passed, $failures failed"
[ "$failures" -eq 0 ]
