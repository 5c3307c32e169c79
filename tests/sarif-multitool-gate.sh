#!/bin/sh
# Microsoft's SARIF validator over gbo's SARIF reports: `sarif-multitool validate`
# (npm @microsoft/sarif-multitool, which scripts/install-deps installs) applies
# the SARIF 2.1.0 schema (JSONxxxx) and Microsoft's SARIF rules (SARIF1xxx:
# errors; SARIF2xxx: warnings and notes). Its exit status is 0 whatever it
# finds, so this reads its own SARIF log: a report passes when it has no
# error-level finding and no error notification. Warnings are printed, not
# fatal.
#   - must pass: examples and every fixture with relative names (as a user runs
#     gbo from the repository root), absolute names, standard input, and
#     names that need percent-encoding;
#   - must fail: broken copies of the real report (no version, a result without
#     a message, a rule index out of range, a bare absolute path as URI), each
#     with the multitool rule expected; so the gate is shown able to fail.
# Run by .ci/run after `make check`, from a built tree (GBO_SRCDIR and
# GBO_BUILDDIR default to the tree this script is in); SARIF_MULTITOOL names
# another multitool command. Exits non-zero when the multitool is missing.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
src=${GBO_SRCDIR:-$here}
gbo=${GBO_BUILDDIR:-$src}/tools/gbo
mt=${SARIF_MULTITOOL:-sarif-multitool}
py=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
checks=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { checks=$((checks + 1)); echo "ok: $*"; }
closing() { echo "sarif-multitool: $checks passed, $failures failed"; [ "$failures" -eq 0 ]; exit; }

if ! command -v "$mt" > /dev/null 2>&1; then
    fail "$mt not found: scripts/install-deps installs it (npm install -g @microsoft/sarif-multitool)"
    closing
fi
if ! "$mt" --version > "$tmp/version" 2>&1; then
    fail "$mt --version does not run: $(head -c 300 "$tmp/version")"
    closing
fi
echo "sarif-multitool: $(head -n 1 "$tmp/version")"
[ -x "$gbo" ] || { fail "$gbo not built"; closing; }
cd "$src" || exit 1
fx=tests/fixtures/rules

# multitool NAME: validate $tmp/NAME.sarif into $tmp/NAME.log.sarif; print the
# error and warning lines; leave "RULE..." (the error-level rule ids, or
# "CRASH") in $tmp/NAME.errors. The npm shim runs the tool through a shell, so
# it is given plain relative names only.
multitool() {
    (cd "$tmp" && "$mt" validate "$1.sarif" --output "$1.log.sarif" --log ForceOverwrite) \
        > "$tmp/$1.console" 2>&1
    rc=$?
    grep -E ': (error|warning) ' "$tmp/$1.console" | sed "s|^$tmp/||; s|^|    |"
    if [ $rc -ne 0 ] || [ ! -s "$tmp/$1.log.sarif" ]; then
        echo "    $mt exited $rc: $(tail -n 5 "$tmp/$1.console")"
        echo CRASH > "$tmp/$1.errors"
        return
    fi
    $py - "$tmp/$1.log.sarif" > "$tmp/$1.errors" <<'PY' || echo CRASH > "$tmp/$1.errors"
import json, sys
log = json.load(open(sys.argv[1], encoding="utf-8-sig"))
found = []
for run in log.get("runs", []):
    rules = run.get("tool", {}).get("driver", {}).get("rules", [])
    def default_level(res):
        i = res.get("ruleIndex", -1)
        rule = rules[i] if 0 <= i < len(rules) else next((r for r in rules if r.get("id") == res.get("ruleId")), {})
        return rule.get("defaultConfiguration", {}).get("level", "warning")
    for res in run.get("results", []):
        if res.get("kind", "fail") == "fail" and res.get("level", default_level(res)) == "error":
            found.append(res.get("ruleId", "?"))
    for inv in run.get("invocations", []):
        for n in inv.get("toolExecutionNotifications", []) + inv.get("toolConfigurationNotifications", []):
            if n.get("level", "warning") == "error":
                found.append("notification:" + n.get("descriptor", {}).get("id", "?"))
print(" ".join(sorted(set(found))))
PY
}

# must_pass NAME DESCRIPTION: the multitool finds no error in $tmp/NAME.sarif
must_pass() {
    echo "-- $2"
    multitool "$1"
    errs=$(cat "$tmp/$1.errors")
    if [ -z "$errs" ]; then ok "$2: no error-level finding"; else fail "$2: $errs"; fi
}
# must_fail NAME RULE DESCRIPTION: the multitool reports RULE as an error
must_fail() {
    echo "-- $3 (must fail)"
    multitool "$1"
    errs=$(cat "$tmp/$1.errors")
    case " $errs " in
        *" $2 "*) ok "$3: rejected with $errs" ;;
        *) fail "$3: not rejected with $2 (errors: ${errs:-none}): the gate cannot fail" ;;
    esac
}
# sarif NAME GBO-ARGUMENTS...: a report of gbo validate; exit status 0 or 1
sarif() {
    name=$1; shift
    "$gbo" validate --lang en --format sarif "$@" > "$tmp/$name.sarif" 2> "$tmp/$name.err"
    st=$?
    [ $st -le 1 ] || { fail "$name: gbo exited $st: $(head -c 300 "$tmp/$name.err")"; }
}

# shellcheck disable=SC2046
sarif relative examples $(ls -d tests/fixtures/*/ $fx/*/)
must_pass relative "examples and every fixture, relative names"
sarif absolute "$src/examples/" "$src/$fx/GBO-I001/trigger.xml" "$src/tests/fixtures/hostile/truncated.xml"
must_pass absolute "examples and two fixtures, absolute names"
sarif stdin - < "$fx/GBO-I001/trigger.xml"
must_pass stdin "a fixture on standard input"
mkdir "$tmp/odd dir"
cp "$fx/GBO-I001/trigger.xml" "$tmp/odd dir/a #b%c$(printf '\376\377').xml"
(cd "$tmp" && "$gbo" validate --lang en --format sarif "odd dir/" > odd.sarif 2> odd.err)
must_pass odd "a fixture whose relative name needs percent-encoding"

# broken copies of the relative report
if $py - "$tmp" <<'PY'
import copy, json, sys
tmp = sys.argv[1]
base = json.load(open(tmp + "/relative.sarif", encoding="utf-8"))
def write(name, mutate):
    doc = copy.deepcopy(base)
    mutate(doc)
    json.dump(doc, open("%s/%s.sarif" % (tmp, name), "w"))
first = lambda d: d["runs"][0]["results"][0]
write("broken-version", lambda d: d.pop("version"))
write("broken-message", lambda d: first(d).pop("message"))
write("broken-index", lambda d: first(d).update(ruleIndex=len(d["runs"][0]["tool"]["driver"]["rules"])))
write("broken-uri", lambda d: first(d)["locations"][0]["physicalLocation"]["artifactLocation"]
      .update(uri="/" + first(d)["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]))
PY
then
    must_fail broken-version JSON1002 "the report without its version"
    must_fail broken-message JSON1002 "a result without a message"
    must_fail broken-index SARIF1009 "a result whose ruleIndex is past the rules"
    must_fail broken-uri SARIF1004 "a result whose URI is a bare absolute path"
else
    fail "the broken reports could not be made from the relative report"
fi
closing
