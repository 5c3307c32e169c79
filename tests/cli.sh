#!/bin/sh
# The gbo tool end to end: golden outputs in the four formats, the JSON
# report against its schema, the SARIF structure, exit statuses, standard
# input, determinism across --jobs, suppressions, --lang, --context, and the
# rules, codes and format commands. After a deliberate change of the reports,
# `make check TESTS=tests/cli.sh GBO_UPDATE_GOLDEN=1` rewrites tests/golden/
# (review the diff before committing it).
set -u
gbo="$GBO_BUILDDIR/tools/gbo"
src="$GBO_SRCDIR"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
checks=0
py=/usr/bin/python3
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { checks=$((checks + 1)); }
# expect STATUS COMMAND...: run, keep output in $tmp/out, check the exit status
expect() {
    want=$1; shift
    "$@" > "$tmp/out" 2> "$tmp/err" < /dev/null
    got=$?
    if [ "$got" -ne "$want" ]; then fail "exit $got (want $want): $*"; cat "$tmp/out" "$tmp/err"; else ok; fi
}
cd "$src" || exit 1
version=$("$gbo" --version | sed -n 's/.*libgbo) //p')
fx=tests/fixtures/rules

# ---- golden outputs --------------------------------------------------------------
files="$fx/GBO-I001/trigger.xml $fx/GBO-R009/trigger.xml $fx/GBO-X001/trigger.xml $fx/GBO-I004/twin.xml examples/bundle.xml"
for pair in text:txt json:json junit:junit.xml sarif:sarif.json; do
    format=${pair%%:*}; ext=${pair#*:}
    # shellcheck disable=SC2086
    SOURCE_DATE_EPOCH=1767225600 "$gbo" validate --lang en --format "$format" $files > "$tmp/report.$ext"
    [ $? -eq 1 ] && ok || fail "$format report: exit status (want 1)"
    # what varies from run to run and machine to machine: durations (junit),
    # the installed rule catalogue and the working directory (sarif)
    sed -e 's/ time="[0-9.]*"/ time="@TIME@"/g' -e "s/$version/@VERSION@/g" \
        -e 's|"informationUri":"file://[^"]*/rules.md"|"informationUri":"@DOCDIR@/rules.md"|' \
        -e 's|"%SRCROOT%":{"uri":"[^"]*"}|"%SRCROOT%":{"uri":"@SRCROOT@"}|' \
        "$tmp/report.$ext" > "$tmp/golden.$ext"
    [ -z "${GBO_UPDATE_GOLDEN:-}" ] || cp "$tmp/golden.$ext" "tests/golden/validate.$ext"
    if cmp -s "$tmp/golden.$ext" "tests/golden/validate.$ext"; then ok; else
        fail "$format report differs from tests/golden/validate.$ext"; diff "tests/golden/validate.$ext" "$tmp/golden.$ext" | head -20
    fi
done

# ---- every example and fixture, byte for byte (the performance work must not change
# a single diagnostic): tests/golden/corpus.*.json were made before it started -------
corpus=$(find examples tests/fixtures -name '*.xml' -not -path '*/codelists/*' | LC_ALL=C sort)
for name in nl fr history; do
    case $name in history) opts="--lang en --history" ;; *) opts="--lang $name" ;; esac
    for jobs in 1 2; do
        # shellcheck disable=SC2086
        "$gbo" validate --format json --jobs $jobs $opts $corpus > "$tmp/corpus.json"
        [ $? -eq 1 ] && ok || fail "corpus $name --jobs $jobs: exit status (want 1)"
        sed "s/$version/@VERSION@/g" "$tmp/corpus.json" > "$tmp/corpus.golden.json"
        [ -z "${GBO_UPDATE_GOLDEN:-}" ] || cp "$tmp/corpus.golden.json" "tests/golden/corpus.$name.json"
        if cmp -s "$tmp/corpus.golden.json" "tests/golden/corpus.$name.json"; then ok; else
            fail "corpus $name --jobs $jobs differs from tests/golden/corpus.$name.json"
            diff "tests/golden/corpus.$name.json" "$tmp/corpus.golden.json" | head -20
        fi
    done
done

# ---- the JSON report against its schema; the SARIF structure ----------------------
if $py -c 'import jsonschema' 2>/dev/null; then
    $py - "$src/data/gbo-validate-report.schema.json" "$tmp/report.json" <<'PY' && ok || fail "json report does not match its schema"
import json, sys, jsonschema
jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))
PY
else
    fail "python3-jsonschema is missing (scripts/install-deps installs it)"
fi
$py - "$tmp/report.sarif.json" <<'PY' && ok || fail "sarif report lacks structure SARIF 2.1.0 requires"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["version"] == "2.1.0" and isinstance(r["runs"], list) and len(r["runs"]) == 1
run = r["runs"][0]
driver = run["tool"]["driver"]
assert driver["name"] == "gbo" and driver["version"]
ids = [rule["id"] for rule in driver["rules"]]
assert len(ids) == len(set(ids)) and all(rule["shortDescription"]["text"] and rule["help"]["text"] for rule in driver["rules"])
assert run["results"], "no results"
for res in run["results"]:
    assert res["ruleId"] in ids and ids[res["ruleIndex"]] == res["ruleId"]
    assert res["level"] in ("error", "warning", "note", "none") and res["message"]["text"]
    for loc in res["locations"]:
        pl = loc["physicalLocation"]
        assert pl["artifactLocation"]["uri"]
        if "region" in pl:
            assert pl["region"]["startLine"] >= 1
PY

# ---- exit statuses ------------------------------------------------------------------
expect 0 "$gbo" validate examples
expect 0 "$gbo" validate examples/referral-warm.xml examples/bundle.xml
expect 1 "$gbo" validate "$fx/GBO-I001/trigger.xml"
expect 0 "$gbo" validate "$fx/GBO-R009/trigger.xml"            # a warning only
expect 1 "$gbo" validate --strict "$fx/GBO-R009/trigger.xml"   # --strict: warnings fail
expect 2 "$gbo" validate /nonexistent/document.xml
expect 2 "$gbo" validate
expect 2 "$gbo" validate --bogus examples
expect 2 "$gbo" validate --lang es examples
expect 2 "$gbo" validate --format yaml examples
expect 2 "$gbo" validate --jobs 0 examples
expect 0 "$gbo" validate --help
grep -q -- '--suppress' "$tmp/out" && ok || fail "validate --help lists the options"
expect 0 "$gbo" --help
expect 2 "$gbo"
expect 2 "$gbo" frobnicate
expect 0 "$gbo" --version
grep -q "$version" "$tmp/out" && grep -q 'format 1.0' "$tmp/out" && ok || fail "--version names both versions"

# ---- standard input ------------------------------------------------------------------
"$gbo" validate - < "$fx/GBO-I004/twin.xml" > "$tmp/out" 2>&1 && ok || fail "a clean document on stdin"
"$gbo" validate --lang en - < "$fx/GBO-I004/trigger.xml" > "$tmp/out" 2>&1
[ $? -eq 1 ] && grep -q '^-:[0-9]*:[0-9]*: error: GBO-I004: ' "$tmp/out" && ok || fail "a trigger on stdin: $(cat "$tmp/out")"
"$gbo" validate - < examples/bundle.xml > "$tmp/out" 2>&1 && grep -q '5 documents' "$tmp/out" && ok || fail "a bundle on stdin"

# ---- determinism ----------------------------------------------------------------------
"$gbo" validate --lang en --format json --jobs 1 examples "$fx"/*/trigger.xml > "$tmp/j1"
"$gbo" validate --lang en --format json --jobs 4 examples "$fx"/*/trigger.xml > "$tmp/j4"
"$gbo" validate --lang en --format json --jobs 4 examples "$fx"/*/trigger.xml > "$tmp/j4b"
cmp -s "$tmp/j1" "$tmp/j4" && cmp -s "$tmp/j4" "$tmp/j4b" && ok || fail "output differs between runs or --jobs"

# ---- suppressions --------------------------------------------------------------------
cat > "$tmp/suppress.txt" <<'SUP'
# rule      path glob                             expiry      rationale
GBO-I001    /exchange/person*/nationalNumber      2999-12-31  test data with a known-bad number
SUP
expect 0 "$gbo" validate --suppress "$tmp/suppress.txt" "$fx/GBO-I001/trigger.xml"
grep -q '1 suppressed' "$tmp/out" && ok || fail "the suppressed diagnostic is counted"
grep -q 'GBO-I001' "$tmp/out" && fail "a suppressed diagnostic is printed" || ok
"$gbo" validate --format json --suppress "$tmp/suppress.txt" "$fx/GBO-I001/trigger.xml" | grep -q '"suppressed":true' && ok || fail "json marks it suppressed"
echo 'GBO-I001  /exchange/*  2999-12-31' > "$tmp/norationale.txt"
expect 2 "$gbo" validate --suppress "$tmp/norationale.txt" "$fx/GBO-I001/trigger.xml"
grep -q 'rationale' "$tmp/err" && ok || fail "says the rationale is missing"
echo 'GBO-I001  /exchange/*  2020-01-01  expired long ago' > "$tmp/expired.txt"
expect 2 "$gbo" validate --suppress "$tmp/expired.txt" "$fx/GBO-I001/trigger.xml"
grep -q 'expired' "$tmp/err" && ok || fail "says the entry expired"
echo 'GBO-Z999  /exchange/*  2999-12-31  no such rule' > "$tmp/unknown.txt"
expect 2 "$gbo" validate --suppress "$tmp/unknown.txt" "$fx/GBO-I001/trigger.xml"

printf '# header\n\n\nGBO-I001  /exchange/*  2999-12-31\n' > "$tmp/line4.txt"
expect 2 "$gbo" validate --suppress "$tmp/line4.txt" "$fx/GBO-I001/trigger.xml"
grep -q 'line4.txt:4:' "$tmp/err" && ok || fail "suppression errors name the right line: $(cat "$tmp/err")"

# ---- strict, junit, unreadable files, bundle detection, extensions ----------------------
"$gbo" validate --strict --format junit "$fx/GBO-R009/trigger.xml" > "$tmp/out"
grep -q 'failures="1"' "$tmp/out" && ok || fail "--strict: a warning fails the junit test case"
"$gbo" validate --format junit "$fx/GBO-R009/trigger.xml" > "$tmp/out"
grep -q 'failures="0"' "$tmp/out" && ok || fail "without --strict a warning is no junit failure"
expect 2 "$gbo" validate --lang en examples/referral-warm.xml /nonexistent/x.xml
grep -q 'nonexistent' "$tmp/err" && ok || fail "an unreadable file is reported on stderr"
grep -q '^/nonexistent' "$tmp/out" && fail "an unreadable file is not a report line" || ok
"$gbo" validate --format sarif /nonexistent/x.xml > "$tmp/out" 2>/dev/null
grep -q '"executionSuccessful":false' "$tmp/out" && ok || fail "sarif records the unreadable file"
{ sed -n 1p examples/referral-warm.xml; echo '<!-- not a <bundle> but a document -->'; sed 1d examples/referral-warm.xml; } > "$tmp/comment.xml"
expect 0 "$gbo" validate "$tmp/comment.xml"
expect 0 "$gbo" validate --lang en "$fx/GBO-R013/trigger.xml"      # a warning: not checked
grep -q 'GBO-R013' "$tmp/out" && ok || fail "R013 without the extension"
sed 's/net-unknown/net-gentse-kanaalzone/; s/version="1"\/>/version="2024.2"\/>/' "$fx/GBO-R013/twin.xml" > "$tmp/ext.xml"
sed -i 's/<urgency>urgent<\/urgency>/<lifeDomain><domain>digital-inclusion<\/domain><\/lifeDomain>/' "$tmp/ext.xml"
expect 0 "$gbo" validate --lang en --strict --extension examples/codelists/network-extension.xml "$tmp/ext.xml"
expect 1 "$gbo" validate --lang en --strict "$tmp/ext.xml"     # the extension not loaded: R013
expect 2 "$gbo" validate --extension /nonexistent.xml examples/referral-warm.xml

# ---- languages ------------------------------------------------------------------------
expect 1 "$gbo" validate --lang fr "$fx/GBO-I001/trigger.xml"
grep -q 'chiffres de contrôle' "$tmp/out" && ok || fail "French message: $(cat "$tmp/out")"
expect 1 "$gbo" validate --lang nl "$fx/GBO-I001/trigger.xml"
grep -q 'controlecijfers' "$tmp/out" && ok || fail "Dutch message: $(cat "$tmp/out")"
expect 1 "$gbo" validate --lang de "$fx/GBO-I001/trigger.xml"
grep -q 'Prüfziffern' "$tmp/out" && ok || fail "German message: $(cat "$tmp/out")"

# ---- context -------------------------------------------------------------------------
expect 0 "$gbo" validate --context examples/referral-warm.xml examples/lifecycle-1-received.xml
expect 0 "$gbo" validate --context examples examples/lifecycle-2-accepted.xml
expect 2 "$gbo" validate --context "$fx/GBO-X001/trigger.xml" examples/lifecycle-1-received.xml

# consents sent earlier resolve through --context (no GBO-C012), and decide
expect 0 "$gbo" validate --lang en "$fx/GBO-C012/trigger.xml"
grep -q 'GBO-C012' "$tmp/out" && ok || fail "an external consent without context is GBO-C012"
expect 0 "$gbo" validate --lang en --strict --context tests/fixtures/consent/earlier-consent.xml "$fx/GBO-C012/trigger.xml"
expect 1 "$gbo" validate --lang en --context tests/fixtures/consent/earlier-consent-narrow.xml "$fx/GBO-C012/trigger.xml"
grep -q 'GBO-C002' "$tmp/out" && ok || fail "the consent from the context decides: $(cat "$tmp/out")"

# a status update's note is checked against the referral's consent, found in the context
expect 0 "$gbo" validate --strict --context examples/referral-warm.xml examples/lifecycle-5-completed.xml
expect 1 "$gbo" validate --lang en --context examples/referral-warm.xml --context examples/consent-withdrawal.xml tests/fixtures/consent/status-after-withdrawal.xml
grep -q 'GBO-C006.*statusUpdate\[1\]/note' "$tmp/out" && ok || fail "a note after the withdrawal: $(cat "$tmp/out")"
expect 0 "$gbo" validate --strict --context examples/referral-warm.xml tests/fixtures/consent/status-after-withdrawal.xml

# a status update before its referral (GBO-R006), the referral from the context
expect 1 "$gbo" validate --lang en --context examples/referral-warm.xml tests/fixtures/consent/status-before-referral.xml
grep -q 'GBO-R006' "$tmp/out" && ok || fail "a status before its referral: $(cat "$tmp/out")"
expect 0 "$gbo" validate tests/fixtures/consent/status-before-referral.xml   # no referral, nothing to compare

# a finding libxml2 would print on its own channel is a diagnostic, and nothing else is written
expect 1 "$gbo" validate --lang en tests/fixtures/hostile/relative-namespace.xml
grep -q 'GBO-X003: extension element note cannot be kept' "$tmp/out" && [ ! -s "$tmp/err" ] && ok ||
    fail "an extension in a relative namespace: $(cat "$tmp/out" "$tmp/err")"

# ---- --history: lifecycles across documents ----------------------------------------------
hist="examples/referral-warm.xml examples/lifecycle-1-received.xml examples/lifecycle-2-accepted.xml examples/lifecycle-3-first-contact.xml examples/lifecycle-4-in-progress.xml"
expect 0 "$gbo" validate --strict --history examples
# in-progress after completed: only the replay across documents sees it
# shellcheck disable=SC2086
expect 0 "$gbo" validate $hist examples/lifecycle-5-completed.xml tests/fixtures/history/late-progress.xml
# shellcheck disable=SC2086
expect 1 "$gbo" validate --lang en --history $hist examples/lifecycle-5-completed.xml tests/fixtures/history/late-progress.xml
[ "$(grep -c 'GBO-R004' "$tmp/out")" -eq 1 ] && grep -q '^tests/fixtures/history/late-progress.xml:25:0: error: GBO-R004: status in-progress cannot follow status completed' "$tmp/out" && ok ||
    fail "--history: one GBO-R004 on the late update: $(cat "$tmp/out")"
grep -v '^gbo validate:' "$tmp/out" > "$tmp/forward"
# delivered in any order, on one worker or many: the same finding
# shellcheck disable=SC2086
expect 1 "$gbo" validate --lang en --history --jobs 1 tests/fixtures/history/late-progress.xml examples/lifecycle-5-completed.xml $(printf '%s\n' $hist | sort -r)
grep -v '^gbo validate:' "$tmp/out" | cmp -s - "$tmp/forward" && ok || fail "--history depends on the order: $(cat "$tmp/out")"
# a consent withdrawal moves the open referral to withdrawn; an update after it is refused
# shellcheck disable=SC2086
expect 1 "$gbo" validate --lang en --history $hist examples/consent-withdrawal.xml tests/fixtures/history/after-withdrawal.xml
grep -q 'after-withdrawal.xml:25:0: error: GBO-R004: status in-progress cannot follow status withdrawn' "$tmp/out" && ok ||
    fail "--history: an update after the withdrawal: $(cat "$tmp/out")"
# shellcheck disable=SC2086
expect 0 "$gbo" validate --history $hist tests/fixtures/history/after-withdrawal.xml
# earlier documents in --context take part in the replay; an input they repeat is reported
expect 1 "$gbo" validate --lang en --history --context examples tests/fixtures/history/late-progress.xml
grep -q 'late-progress.xml:25:0: error: GBO-R004' "$tmp/out" && ok || fail "--history with --context: $(cat "$tmp/out")"
expect 1 "$gbo" validate --lang en --history --context examples --context tests/fixtures/history examples/lifecycle-5-completed.xml tests/fixtures/history/late-progress.xml
grep -q 'late-progress.xml:25:0: error: GBO-R004' "$tmp/out" && ok || fail "--history: an input the context repeats: $(cat "$tmp/out")"
# the same update in a bundle and in a file is one update (examples/bundle.xml repeats two)
expect 0 "$gbo" validate --history examples/referral-warm.xml examples/lifecycle-1-received.xml examples/lifecycle-2-accepted.xml examples/bundle.xml

# an anonymous case discussion: a pseudonymous case id, no person, so no consent needed
expect 0 "$gbo" validate --strict tests/fixtures/lifecycle/case-discussion-anonymous.xml
grep -q '<caseId>' tests/fixtures/lifecycle/case-discussion-anonymous.xml && ! grep -q '<person' tests/fixtures/lifecycle/case-discussion-anonymous.xml && ok ||
    fail "the anonymous case discussion fixture carries a person"

# ---- stats: anonymous monitoring figures ---------------------------------------------------
expect 0 "$gbo" stats --min-count 2 examples
if cmp -s "$tmp/out" tests/golden/stats.csv; then ok; else fail "stats differ from tests/golden/stats.csv"; diff tests/golden/stats.csv "$tmp/out" | head -20; fi
cp "$tmp/out" "$tmp/stats.csv"
expect 0 "$gbo" stats --format json --min-count 2 examples
$py - "$tmp/out" "$tmp/stats.csv" <<'PY' && ok || fail "stats: the JSON rows are not the CSV rows"
import csv, json, sys
doc = json.load(open(sys.argv[1]))
assert doc["tool"] == "gbo" and doc["minCount"] == 2
rows = [[r["table"], r["dimension"], r["value"], str(r["count"])] for r in doc["rows"]]
assert rows == list(csv.reader(open(sys.argv[2])))[1:], rows
hidden = [r for r in doc["rows"] if isinstance(r["count"], str)]
assert hidden and all(r["count"] == "suppressed" for r in hidden)
PY
expect 0 "$gbo" stats examples
# five kinds, once each: however hidden, the cells would give each away; only the total.
# Sender kinds 1, 1, 3: no threshold hides counts K - 2 apart, so only the total too.
grep -q '^referrals,kind,total,5$' "$tmp/out" && ! grep -q '^referrals,kind,consult' "$tmp/out" &&
    grep -q '^referrals,sender-kind,total,5$' "$tmp/out" && ! grep -q '^referrals,sender-kind,clb' "$tmp/out" &&
    ! grep -q '<' "$tmp/out" && ok || fail "stats with the default K=5: $(cat "$tmp/out")"
grep -q '^time-to-first-contact,hours,median,suppressed$' "$tmp/out" && ok || fail "a median over fewer than K cases"
expect 0 "$gbo" stats --min-count 1 examples/referral-warm.xml examples/lifecycle-1-received.xml examples/lifecycle-3-first-contact.xml
grep -q '^time-to-first-contact,hours,cases,1$' "$tmp/out" && grep -q '^outcomes,status,first-contact,1$' "$tmp/out" && ok || fail "stats: first contact: $(cat "$tmp/out")"
expect 2 "$gbo" stats
expect 2 "$gbo" stats --min-count 0 examples
expect 2 "$gbo" stats --format xml examples
expect 2 "$gbo" stats "$fx/GBO-X001/trigger.xml"
expect 2 "$gbo" stats --extension "$fx/GBO-X001/trigger.xml" examples
expect 0 "$gbo" stats --min-count 1 --extension examples/codelists/network-extension.xml examples
expect 0 "$gbo" stats --help
grep -q 'min-count' "$tmp/out" && ok || fail "gbo stats --help"

# ---- rules, codes, format ---------------------------------------------------------------
expect 0 "$gbo" rules --lang en
[ "$(grep -c '^GBO-' "$tmp/out")" -eq 40 ] && ok || fail "gbo rules lists 40 rules"
expect 0 "$gbo" rules GBO-I001 --lang nl
grep -q 'Controlecijfers van het rijksregisternummer' "$tmp/out" && ok || fail "Dutch rule title: $(cat "$tmp/out")"
expect 2 "$gbo" rules GBO-Z999
expect 0 "$gbo" codes
grep -q 'life-domain' "$tmp/out" && ok || fail "gbo codes lists the lists"
expect 0 "$gbo" codes life-domain --lang fr
e=$(grep -n '^energy-water' "$tmp/out" | cut -d: -f1); f=$(grep -n '^children-parenting' "$tmp/out" | cut -d: -f1)
[ -n "$e" ] && [ -n "$f" ] && [ "$e" -lt "$f" ] && ok || fail "French collation: Énergie before Enfants"
expect 0 "$gbo" codes life-domain --extension examples/codelists/network-extension.xml
grep -q '^digital-inclusion' "$tmp/out" && ok || fail "codes with a network extension"
expect 2 "$gbo" codes no-such-list
# code-list files are UTF-8; libxml2's own messages (found by fuzzing: they
# echoed bytes of the input) never reach the output, only gbo's one line
expect 2 "$gbo" codes life-domain --extension tests/fixtures/codelists/extension-latin1.xml
[ "$(wc -l < "$tmp/err")" -eq 1 ] && grep -q '^gbo: .*not well-formed' "$tmp/err" && ok || fail "a Latin-1 extension: $(cat "$tmp/err")"
expect 0 "$gbo" format examples/referral-warm.xml
cmp -s "$tmp/out" examples/referral-warm.xml && ok || fail "gbo format of a canonical document changes it"
"$gbo" format - < examples/policy-signal.xml | cmp -s - examples/policy-signal.xml && ok || fail "gbo format from stdin"
expect 1 "$gbo" format "$fx/GBO-X003/trigger.xml"
grep -q 'GBO-X003' "$tmp/err" && ok || fail "gbo format reports why it refuses"

# the writer's consent gate (SPEC §5): gbo format refuses what the consent does not cover
expect 1 "$gbo" format "$fx/GBO-C002/trigger.xml"
grep -q 'GBO-C002' "$tmp/err" && ok || fail "gbo format names the consent rule that stops it: $(cat "$tmp/err")"
[ -s "$tmp/out" ] && fail "gbo format wrote a refused document" || ok
expect 0 "$gbo" format "$fx/GBO-C002/twin.xml"
# --minimise: what the consent does not cover is left out and said, never its value
expect 0 "$gbo" format --minimise "$fx/GBO-C004/trigger.xml"
grep -q 'helpQuestion' "$tmp/out" && fail "--minimise kept the help question" || ok
grep -q 'trigger.xml:[0-9]*:0: warning: GBO-C004: removed: data category help-question (category-not-covered) (/exchange/referral\[1\]/helpQuestion)' "$tmp/err" && ok ||
    fail "--minimise says what it removed: $(cat "$tmp/err")"
grep -q 'appartement' "$tmp/err" && fail "--minimise echoed a value" || ok
cp "$tmp/out" "$tmp/min.xml"
"$gbo" validate --lang en "$tmp/min.xml" > "$tmp/min.out"
grep -q 'GBO-C' "$tmp/min.out" && fail "the minimised document breaks a consent rule: $(cat "$tmp/min.out")" || ok
# without a consent to decide nothing personal goes: not written at all here
expect 1 "$gbo" format --minimise --lang nl "$fx/GBO-C001/trigger.xml"
[ ! -s "$tmp/out" ] && grep -q 'GBO-C001: verwijderd: gegevenscategorie identity-contact (no-consent)' "$tmp/err" && ok ||
    fail "--minimise without a consent: $(cat "$tmp/err")"
expect 0 "$gbo" format --minimise "$fx/GBO-C012/trigger.xml" --context tests/fixtures/consent/earlier-consent.xml
expect 2 "$gbo" format --context tests/fixtures/consent/earlier-consent.xml examples/referral-warm.xml
# docs/consent.md's table of which field carries which category is what
# minimisation removes, category by category, from a referral that carries all
"$gbo" format --minimise tests/fixtures/consent/every-category.xml 2> "$tmp/removed" > /dev/null
sed -n 's/.*removed: data category \([a-z-]*\) (no-consent) (\(.*\))$/\1 \2/p' "$tmp/removed" |
    sed 's/\[[0-9]*\]//g' | LC_ALL=C sort -u > "$tmp/code-table"
sed -n '/<!-- categories: begin -->/,/<!-- categories: end -->/p' docs/consent.md |
    sed -n 's/^| `\([a-z-]*\)` | \([^|]*\) |.*/\1 \2/p' |
    while read -r category fields; do
        for f in $(echo "$fields" | tr -d '`,'); do echo "$category $f"; done
    done | LC_ALL=C sort -u > "$tmp/doc-table"
[ -s "$tmp/code-table" ] && cmp -s "$tmp/code-table" "$tmp/doc-table" && ok ||
    { fail "docs/consent.md's category table differs from what minimisation removes"; diff "$tmp/doc-table" "$tmp/code-table"; }

# ---- one history whatever the order (issue #17) ----------------------------------------
# copies of one update that say different things: GBO-R014 at the copy that does not
# stand, and the same findings and statistics for every order of the documents
h=tests/fixtures/history/conflict
set -- examples/referral-warm.xml "$h/2-accepted.xml" "$h/3-accepted-again.xml" "$h/4-first-contact.xml"
perms=$($py -c 'import itertools, sys; [print(" ".join(p)) for p in itertools.permutations(sys.argv[1:])]' "$@")
first=
echo "$perms" | while read -r order; do
    # shellcheck disable=SC2086
    "$gbo" validate --lang en --history --format json $order | $py -c '
import json, sys
r = json.load(sys.stdin)
for f in sorted(r["files"], key=lambda f: f["file"]):
    for i in f["items"]:
        print(f["file"], [(d["rule"], d["line"], d["path"], d["message"]) for d in i["diagnostics"]])' > "$tmp/perm.diags"
    # shellcheck disable=SC2086
    "$gbo" stats --format csv $order > "$tmp/perm.stats" 2>&1
    cat "$tmp/perm.diags" "$tmp/perm.stats" > "$tmp/perm.now"
    if [ -z "$first" ]; then first=1; cp "$tmp/perm.now" "$tmp/perm.first"; fi
    cmp -s "$tmp/perm.now" "$tmp/perm.first" || echo "$order" >> "$tmp/perm.differ"
done
[ ! -s "$tmp/perm.differ" ] && ok || { fail "the history depends on the order of the documents:"; cat "$tmp/perm.differ"; }
grep -q "3-accepted-again.xml.*GBO-R014" "$tmp/perm.first" && [ "$(grep -c GBO-R004 "$tmp/perm.first")" -eq 0 ] && ok ||
    { fail "the conflicting copy is GBO-R014, and the copy that stands makes no GBO-R004"; cat "$tmp/perm.first"; }
# a received the recipient posts after its accepting acknowledgement repeats it: no finding
expect 0 "$gbo" validate --history examples/referral-warm.xml examples/acknowledgement.xml examples/lifecycle-1-received.xml

# ---- consent-check ----------------------------------------------------------------------
ctx=tests/fixtures/consent/context.xml
k1=c0000000-0000-4000-8000-000000000001
k2=c0000000-0000-4000-8000-000000000002
caw=b0000000-0000-4000-8000-00000000000b
expect 0 "$gbo" consent-check $ctx --consent $k1 --recipient $caw --purpose reception --category identity-contact --at 2025-03-01T10:00:00Z
grep -q '^permit' "$tmp/out" && ok || fail "consent-check permit: $(cat "$tmp/out")"
expect 1 "$gbo" consent-check $ctx --consent $k1 --recipient $caw --purpose reception --category national-number --at 2025-03-01T10:00:00Z --format json
grep -q '"decision":"deny","reason":"denied-by-provision","rule":"GBO-C004"' "$tmp/out" && ok || fail "consent-check json deny: $(cat "$tmp/out")"
expect 1 "$gbo" consent-check $ctx --consent $k1 --recipient $caw --purpose reception --category identity-contact --at 2025-06-15T08:00:00Z
grep -q 'withdrawn GBO-C006' "$tmp/out" && ok || fail "consent-check withdrawal at its instant: $(cat "$tmp/out")"
expect 0 "$gbo" consent-check $ctx --consent $k2 --recipient $caw --purpose reception --category identity-contact --at 2025-03-01T10:00:00Z
grep -q 'GBO-C010' "$tmp/out" && ok || fail "consent-check reports the informed-consent warning"
expect 0 "$gbo" consent-check examples/referral-warm.xml --recipient e5240f7d-20e5-4481-bb0c-727090662b66 --purpose reception --category help-question --at 2025-03-12T10:00:00Z
expect 1 "$gbo" consent-check examples/referral-warm.xml --recipient e5240f7d-20e5-4481-bb0c-727090662b66 --purpose reception --category national-number --at 2025-03-12T10:00:00Z
expect 2 "$gbo" consent-check $ctx --recipient $caw --purpose reception --category health
grep -q '13 consents' "$tmp/err" && ok || fail "consent-check asks which consent"
expect 2 "$gbo" consent-check $ctx --consent $k1 --purpose reception --category health
expect 2 "$gbo" consent-check $ctx --consent $k1 --recipient $caw --purpose reception --category health --at yesterday
expect 2 "$gbo" consent-check /nonexistent.xml --recipient $caw --purpose reception --category health
expect 0 "$gbo" consent-check --help

# ---- suppression files: long globs, the line limit, UTF-8; non-UTF-8 names in reports --
# (issue #14) every run under `timeout 5`: the glob matcher once recursed per character
# (a glob of 10^7 '*' overflowed the stack) and backtracked exponentially (*n*n*...*x)
head -c 10000000 /dev/zero | tr '\0' '*' > "$tmp/stars"
{ printf 'GBO-I001  '; cat "$tmp/stars"; printf '  2999-12-31  ten million stars\n'; } > "$tmp/huge.txt"
rm -f "$tmp/stars"
expect 2 timeout 5 "$gbo" validate --suppress "$tmp/huge.txt" "$fx/GBO-I001/trigger.xml"
grep -q 'huge.txt:1: .*4096' "$tmp/err" && [ "$(wc -c < "$tmp/err")" -lt 400 ] && ! grep -q '\*\*' "$tmp/err" && ok ||
    fail "a 10^7-character glob is a line over 4 KiB, named, not echoed: $(head -c 400 "$tmp/err")"
rm -f "$tmp/huge.txt"
# a line of exactly 4096 bytes is read; one byte more is a usage error (line 2 named)
head="GBO-I001  /exchange/person*/nationalNumber  2999-12-31  "
pad=$(head -c $((4096 - ${#head})) /dev/zero | tr '\0' r)
printf '%s%s\n' "$head" "$pad" > "$tmp/at-limit.txt"
expect 0 "$gbo" validate --suppress "$tmp/at-limit.txt" "$fx/GBO-I001/trigger.xml"
grep -q '1 suppressed' "$tmp/out" && ok || fail "a 4096-byte suppression line applies"
printf '# 4097 bytes below\n%s%sr\r\n' "$head" "$pad" > "$tmp/over-limit.txt"
expect 2 "$gbo" validate --suppress "$tmp/over-limit.txt" "$fx/GBO-I001/trigger.xml"
grep -q 'over-limit.txt:2: ' "$tmp/err" && ! grep -q 'rrrr' "$tmp/err" && ok ||
    fail "a 4097-byte line: $(head -c 400 "$tmp/err")"
# backtracking: an extension element named with 3000 n's gives a path of n's (libgbo
# keeps its first 255 bytes) against *n*n*...*x
n3000=$(head -c 3000 /dev/zero | tr '\0' n)
sed "s/x:note/x:$n3000/g" tests/fixtures/hostile/relative-namespace.xml > "$tmp/long-path.xml"
expect 1 "$gbo" validate "$tmp/long-path.xml"      # GBO-X003 on /exchange/nnn...n
glob=$(printf '*n%.0s' $(seq 22))
printf 'GBO-X003  %s*x  2999-12-31  never matches\n' "$glob" > "$tmp/backtrack.txt"
expect 1 timeout 5 "$gbo" validate --suppress "$tmp/backtrack.txt" "$tmp/long-path.xml"
grep -q ' 1 error.* 0 suppressed' "$tmp/out" && ok || fail "*n*n*...*x must not match: $(tail -c 300 "$tmp/out")"
printf 'GBO-X003  /exchange/%s  2999-12-31  matches\n' "$glob" > "$tmp/backtrack-match.txt"
expect 0 timeout 5 "$gbo" validate --suppress "$tmp/backtrack-match.txt" "$tmp/long-path.xml"
grep -q ' 0 errors.* 1 suppressed' "$tmp/out" && ok || fail "/exchange/*n*n*...*n must match: $(tail -c 300 "$tmp/out")"
# just under 4 KiB of stars and letters: 3400 '*', then one '*n' for each n of the path
# (a match), or one more (none); libgbo cuts a long path, so count the n's it reports
nn=$("$gbo" validate --format json "$tmp/long-path.xml" | $py -c 'import json,sys; print(json.load(sys.stdin)["files"][0]["items"][0]["diagnostics"][0]["path"].count("n"))')
[ "$nn" -ge 100 ] && ok || fail "the long path has $nn n's (want 100 or more)"
stars=$(head -c 3400 /dev/zero | tr '\0' '*')
glob=$(printf '*n%.0s' $(seq "$nn"))
printf 'GBO-X003  %s%s  2999-12-31  matches\n' "$stars" "$glob" > "$tmp/backtrack-4k-match.txt"
expect 0 timeout 5 "$gbo" validate --suppress "$tmp/backtrack-4k-match.txt" "$tmp/long-path.xml"
grep -q ' 1 suppressed' "$tmp/out" && ok || fail "3400 '*' and $nn '*n' must match"
printf 'GBO-X003  %s%s*n  2999-12-31  never matches\n' "$stars" "$glob" > "$tmp/backtrack-4k.txt"
expect 1 timeout 5 "$gbo" validate --suppress "$tmp/backtrack-4k.txt" "$tmp/long-path.xml"
grep -q ' 0 suppressed' "$tmp/out" && ok || fail "3400 '*' and $((nn + 1)) '*n' must not match"
[ "$(wc -c < "$tmp/backtrack-4k.txt")" -gt 3800 ] && [ "$(wc -c < "$tmp/backtrack-4k.txt")" -le 4097 ] && ok ||
    fail "the backtracking glob is just under 4 KiB: $(wc -c < "$tmp/backtrack-4k.txt") bytes"
# the semantics: '*' crosses '/', '?' is one character, brackets and the rest are literal
for pair in '/exchange/person[1]/nationalNumber:0' '*:0' '/exchange*Number:0' '/exchange/person[?]/nationalNumber:0' \
        '/exchange/person?1?/nationalNumber:0' '/exchange/person[*]/national*:0' '*/nationalNumber:0' \
        '/exchange/person[2]/nationalNumber:1' '/exchange/person[1]/nationalNumbe:1' '/exchange/person[1]/nationalNumber?:1' \
        '/exchange/person1/nationalNumber:1' '/exchange/person[12]/nationalNumber:1' '?exchange*:0' '**?**:0' 'exchange*:1'; do
    printf 'GBO-I001  %s  2999-12-31  semantics\n' "${pair%:*}" > "$tmp/glob.txt"
    expect "${pair##*:}" "$gbo" validate --suppress "$tmp/glob.txt" "$fx/GBO-I001/trigger.xml"
done

# a suppression file that is not UTF-8 is a usage error, the line named, nothing echoed
printf 'GBO-I001  /exchange/*  2999-12-31  caf\351 in Latin-1\n' > "$tmp/latin1.txt"
expect 2 "$gbo" validate --suppress "$tmp/latin1.txt" "$fx/GBO-I001/trigger.xml"
grep -q 'latin1.txt:1: .*UTF-8' "$tmp/err" && ! grep -q 'caf' "$tmp/err" && ok || fail "a Latin-1 suppression file: $(cat "$tmp/err")"
"$gbo" validate --format sarif --suppress "$tmp/latin1.txt" "$fx/GBO-I001/trigger.xml" > "$tmp/out" 2>/dev/null
[ ! -s "$tmp/out" ] && ok || fail "no SARIF report from a Latin-1 suppression file"
for case in 'comment:# comment \377' 'overlong:GBO-I001  /exchange/*  2999-12-31  overlong \300\257' \
        'surrogate:GBO-I001  /exchange/*  2999-12-31  surrogate \355\240\200' \
        'beyond-U+10FFFF:GBO-I001  /exchange/*  2999-12-31  beyond \364\220\200\200' \
        'cut-short:GBO-I001  /exchange/*  2999-12-31  cut short \342\202' \
        'NUL:GBO-I001  /exchange/*  2999-12-31  ok\000GBO-Z999 after a NUL'; do
    # shellcheck disable=SC2059 # the case's octal escapes are printf's to write
    printf "# line 1\\n${case#*:}\\n" > "$tmp/bad-utf8.txt"
    expect 2 "$gbo" validate --suppress "$tmp/bad-utf8.txt" "$fx/GBO-I001/trigger.xml"
    grep -q 'bad-utf8.txt:2: ' "$tmp/err" && ok || fail "not UTF-8 text (${case%%:*}): $(cat "$tmp/err")"
done
printf 'GBO-I001  /exchange/*  2999-12-31  caf\303\251, \342\202\254 and \360\237\230\200 in UTF-8\n' > "$tmp/utf8.txt"
expect 0 "$gbo" validate --suppress "$tmp/utf8.txt" "$fx/GBO-I001/trigger.xml"
"$gbo" validate --format sarif --suppress "$tmp/utf8.txt" "$fx/GBO-I001/trigger.xml" | $py -c '
import json, sys
r = json.loads(sys.stdin.buffer.read().decode("utf-8"))
assert r["runs"][0]["results"][0]["suppressions"][0]["justification"] == "caf\u00e9, \u20ac and \U0001F600 in UTF-8"
' && ok || fail "a UTF-8 rationale reaches the SARIF justification unchanged"

# a file name that is not UTF-8: the JSON and SARIF reports are still JSON in UTF-8
# (decoded strictly: python's stdin would let the bad byte through as a lone surrogate)
bad="$tmp/bad$(printf '\377').xml"
cp examples/referral-warm.xml "$bad"
cp "$fx/GBO-I001/trigger.xml" "$tmp/trigger$(printf '\376\377').xml"
for format in json sarif; do
    "$gbo" validate --format $format "$bad" "$tmp/trigger$(printf '\376\377').xml" > "$tmp/report"
    [ $? -eq 1 ] && ok || fail "$format report of non-UTF-8 names: exit status (want 1)"
    $py -c 'import json,sys; json.load(sys.stdin)' < "$tmp/report" && ok || fail "$format report of a non-UTF-8 name is not JSON"
    $py - "$tmp/report" "$format" <<'PY' && ok || fail "$format report of non-UTF-8 names: $(head -c 600 "$tmp/report")"
import json, sys
r = json.loads(open(sys.argv[1], "rb").read().decode("utf-8"))
if sys.argv[2] == "json":
    names = [f["file"] for f in r["files"]]
    assert names[0].endswith("/bad\ufffd.xml") and names[1].endswith("/trigger\ufffd\ufffd.xml"), names
else:
    uri = r["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.endswith("/trigger%FE%FF.xml"), uri
PY
done
if $py -c 'import jsonschema' 2>/dev/null; then
    "$gbo" validate --format json "$bad" | $py -c '
import json, sys, jsonschema
jsonschema.validate(json.loads(sys.stdin.buffer.read().decode("utf-8")), json.load(open(sys.argv[1])))
' "$src/data/gbo-validate-report.schema.json" && ok || fail "the json report of a non-UTF-8 name matches its schema"
fi

# ---- reports as their consumers read them (issue #14) ------------------------------
# --jobs 1, the default and --jobs 16 give the same bytes in every format
# (files spread over the workers, a bundle of over a MiB read in lanes; junit's
# durations aside): the example bundle's items and every rule's trigger, over
# and over, broken off by a malformed item
$py - "$src" "$tmp/large.xml" <<'PY'
import glob, os, re, sys
src, out = sys.argv[1:]
text = open(os.path.join(src, "examples/bundle.xml"), encoding="utf-8").read()
items = [text[text.index(">", text.index("<bundle")) + 1:text.rindex("</bundle>")]]
for path in sorted(glob.glob(os.path.join(src, "tests/fixtures/rules/GBO-[CRL]*/trigger.xml"))):
    doc = re.sub(r"<\?xml[^>]*>|<!--.*?-->", "", open(path, encoding="utf-8").read(), flags=re.S)
    items.append(doc)
with open(out, "w", encoding="utf-8") as f:
    f.write('<bundle xmlns="urn:gbo:exchange:1" version="1.0">\n')
    size = 0
    while size < 3 << 19:
        for item in items:
            f.write(item + "\n")
            size += len(item.encode("utf-8"))
    f.write('<exchange version="1.0"><header></exchange>\n' + "".join(items) + "</bundle>\n")
PY
[ "$(wc -c < "$tmp/large.xml")" -gt 1048576 ] && ok || fail "the large bundle is over a MiB"
for format in text json junit sarif; do
    for jobs in 1 16 default; do
        opt="--jobs $jobs"; [ "$jobs" = default ] && opt=
        # shellcheck disable=SC2086
        SOURCE_DATE_EPOCH=1767225600 "$gbo" validate --lang en --format $format $opt examples examples/bundle.xml "$fx"/*/trigger.xml "$tmp/large.xml" \
            | sed 's/ time="[0-9.]*"//g' > "$tmp/jobs.$jobs"
    done
    cmp -s "$tmp/jobs.1" "$tmp/jobs.16" && cmp -s "$tmp/jobs.1" "$tmp/jobs.default" && ok ||
        fail "$format: --jobs 1, 16 and the default differ"
done

# output that cannot be written is exit status 2, for every command and format
for args in "validate examples" "validate --format json examples" "validate --format junit examples" \
    "validate --format sarif examples" "validate --history examples" "rules" "rules GBO-X001" "codes" \
    "codes life-domain" "format examples/referral-warm.xml" "stats examples" "stats --format csv examples" \
    "consent-check examples/referral-warm.xml --recipient 0e3b5a10-2c4d-4e6f-8a9b-0c1d2e3f4a02 --purpose reception --category health" \
    "--help" "--version" "validate --help"; do
    # shellcheck disable=SC2086
    "$gbo" $args > /dev/full 2> "$tmp/err" < /dev/null
    got=$?
    [ "$got" -eq 2 ] && grep -q "the output could not be written: No space left on device" "$tmp/err" && ok ||
        { fail "gbo $args > /dev/full: exit $got (want 2)"; cat "$tmp/err"; }
done
# a closed pipe: SIGPIPE as for any tool; with SIGPIPE ignored, exit 2
$py - "$gbo" <<'PY' && ok || fail "EPIPE with SIGPIPE ignored is not exit 2"
import signal, subprocess, sys
p = subprocess.Popen([sys.argv[1], "rules"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                     preexec_fn=lambda: signal.signal(signal.SIGPIPE, signal.SIG_IGN))
p.stdout.close()
err = p.stderr.read().decode()
sys.exit(0 if p.wait() == 2 and "Broken pipe" in err else 1)
PY

# SARIF: relative inputs against %SRCROOT%, absolute ones as file: URIs, both
# percent-encoded (RFC 3986); every rule named; the tool's informationUri
odd="$tmp/a b#c%d$(printf '\303\251').xml"
cp "$fx/GBO-R009/trigger.xml" "$odd"
cp "$fx/GBO-R009/trigger.xml" "$tmp/r009.xml"
(cd "$tmp" && "$gbo" validate --lang en --format sarif r009.xml "$odd") > "$tmp/paths.sarif"
$py - "$tmp/paths.sarif" "$tmp" <<'PY' && ok || fail "SARIF artifact locations"
import json, sys, urllib.parse
run = json.load(open(sys.argv[1]))["runs"][0]
tmp = sys.argv[2]
base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
assert base == "file://" + urllib.parse.quote(tmp, safe="/-._~") + "/", base
loc = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
assert loc == {"uri": "r009.xml", "uriBaseId": "%SRCROOT%"}, loc
loc = run["results"][1]["locations"][0]["physicalLocation"]["artifactLocation"]
assert loc == {"uri": "file://" + tmp + "/a%20b%23c%25d%C3%A9.xml"}, loc
assert run["tool"]["driver"]["informationUri"].startswith("file:///"), run["tool"]["driver"]
assert run["tool"]["driver"]["informationUri"].endswith("/rules.md")
for rule in run["tool"]["driver"]["rules"]:
    assert rule["name"].isalnum() and rule["name"][0].isupper(), rule["name"]
PY
"$gbo" validate --lang en --format sarif "$tmp/r009.xml" > "$tmp/abs.sarif"
grep -q "\"uri\":\"file://$tmp/r009.xml\"}" "$tmp/abs.sarif" && ok || fail "an absolute input is not a file: URI"

# JUnit: suppressed findings counted and listed, the failure message names
# the rule ids, no failure text is cut, times and a timestamp
# (SOURCE_DATE_EPOCH), well-formed whatever the file names
printf 'GBO-R009 * 2099-12-31 accepted for the test\n' > "$tmp/sup.txt"
markup="$tmp/x<y&z\"q'$(printf '\377').xml"
cp examples/referral-warm.xml "$markup"
SOURCE_DATE_EPOCH=1767225600 "$gbo" validate --lang en --format junit --suppress "$tmp/sup.txt" \
    "$fx/GBO-R009/trigger.xml" "$fx/GBO-R001/trigger.xml" "$fx/GBO-C004/trigger.xml" "$markup" > "$tmp/j.xml"
$py - "$tmp/j.xml" <<'PY' && ok || fail "JUnit report"
import sys, xml.etree.ElementTree as ET
suite = ET.parse(sys.argv[1]).getroot().find("testsuite")
assert suite.get("timestamp") == "2026-01-01T00:00:00", suite.attrib
float(suite.get("time"))
props = {p.get("name"): p.get("value") for p in suite.iter("property")}
assert props["suppressed"] == "1", props
cases = suite.findall("testcase")
assert len(cases) == 4 and all(float(c.get("time")) >= 0 for c in cases)
assert "suppressed: accepted for the test" in cases[0].find("system-out").text
assert cases[0].find("failure") is None
assert cases[1].find("failure").get("message") == "1 error: GBO-R001", cases[1].find("failure").attrib
assert cases[2].find("failure").get("message").endswith(": GBO-C004")
assert cases[3].get("name").endswith('x<y&z"q\'\ufffd.xml'), cases[3].get("name")
PY
# many findings: the failure text whole (the old writer cut it at 2047 bytes)
many="$tmp/many.xml"
$py - examples/referral-warm.xml "$many" <<'PY'
import sys
doc = open(sys.argv[1]).read()
i = doc.index("</organisation>") + len("</organisation>")
orgs = "".join('\n  <organisation id="5a0b9aac-1c8a-442c-8a39-35a440b7%04d">\n    <name>O</name>\n    <kind>no-such-kind</kind>\n  </organisation>' % n for n in range(80))
open(sys.argv[2], "w").write(doc[:i] + orgs + doc[i:])
PY
"$gbo" validate --lang en --format junit "$many" > "$tmp/many.junit"
"$gbo" validate --lang en --format text "$many" | grep -c ': error: ' > "$tmp/many.count"
$py - "$tmp/many.junit" "$(cat "$tmp/many.count")" <<'PY' && ok || fail "JUnit failure text cut or ill-formed"
import sys, xml.etree.ElementTree as ET
failure = ET.parse(sys.argv[1]).getroot().find("testsuite/testcase/failure")
lines = failure.text.strip().split("\n")
assert len(lines) == int(sys.argv[2]) and len(failure.text) > 2047, (len(lines), len(failure.text))
PY

# many files, few descriptors: a file read whole is closed before it waits
# for a worker (16 x jobs results in flight would otherwise hold as many open)
mkdir "$tmp/many"
i=0
while [ $i -lt 300 ]; do cp examples/referral-warm.xml "$tmp/many/d$i.xml"; i=$((i + 1)); done
( ulimit -n 40; "$gbo" validate --jobs 16 "$tmp/many" ) > "$tmp/out" 2>&1 && grep -q '300 files, 300 documents: 0 errors' "$tmp/out" && ok ||
    { fail "300 files with 40 descriptors and 16 jobs"; tail -3 "$tmp/out"; }

echo "cli: $checks passed, $failures failed"
[ "$failures" -eq 0 ]
