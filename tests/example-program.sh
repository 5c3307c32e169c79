#!/bin/sh
# The example program runs the foundation end to end on the shipped examples.
set -eu
prog="$GBO_BUILDDIR/examples/gbo-example"
ex="$GBO_SRCDIR/examples"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
fail() { echo "FAIL: $*"; cat "$out"; exit 1; }

"$prog" --lang fr --extension "$ex/codelists/network-extension.xml" "$ex/identifiers.txt" > "$out" ||
    fail "exit status $?"
grep -q '8 identifiers: 6 valid, 2 invalid' "$out" || fail "identifier summary"
grep -q 'identifiers.txt:6: national-number: check digits do not match' "$out" || fail "line 6 verdict"
grep -q 'identifiers.txt:9: enterprise: check digits do not match' "$out" || fail "line 9 verdict"
grep -q 'net-gentse-kanaalzone 2024.2' "$out" || fail "extension named"
grep -q 'digital-inclusion' "$out" || fail "extension code listed"
# no identifier is ever echoed
if grep -Eq '85\.?07|0403' "$out"; then fail "an identifier value was printed"; fi
# French collation: Énergie sorts among the E's, before Relations et famille
energy=$(grep -n 'energy-water' "$out" | cut -d: -f1)
family=$(grep -n 'relationships-family' "$out" | cut -d: -f1)
[ "$energy" -lt "$family" ] || fail "Énergie sorted after Relations et famille"

# --strict turns invalid identifiers into exit status 1; usage errors are 2
set +e
"$prog" --strict "$ex/identifiers.txt" > "$out"; rc=$?
[ $rc -eq 1 ] || fail "--strict exit status $rc"
"$prog" --lang xx "$ex/identifiers.txt" > "$out" 2>&1; rc=$?
[ $rc -eq 2 ] || fail "bad --lang exit status $rc"
"$prog" /nonexistent > "$out" 2>&1; rc=$?
[ $rc -eq 2 ] || fail "missing file exit status $rc"
echo "PASS: example program"

# The model example builds, walks, copies and compares a referral.
"$GBO_BUILDDIR/examples/referral-model" > "$out" || fail "referral-model exit status"
grep -q '^copy equal: yes$' "$out" || fail "referral-model copy"
grep -q '^  step (1)$' "$out" || fail "referral-model nested step"
grep -q '^consent (1)$' "$out" || fail "referral-model consent reference"
echo "PASS: referral model example"
