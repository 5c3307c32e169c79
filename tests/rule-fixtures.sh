#!/bin/sh
# Every rule the catalogue marks as checked has a fixture pair under
# tests/fixtures/rules/RULE/: trigger.xml, for which gbo validate reports
# that rule and no other, and twin.xml, a near-identical document for which
# it reports nothing. Further trigger-*.xml and twin-*.xml files are checked
# the same way. A checked rule without its pair fails the test. A rule that
# only a run over several documents decides has an `options` file (e.g.
# --history) and bundles for fixtures.
set -eu
gbo="$GBO_BUILDDIR/tools/gbo"
dir="$GBO_SRCDIR/tests/fixtures/rules"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
pairs=0

"$gbo" rules --lang en | awk '$3 == "checked" { print $1 }' > "$tmp/checked"
[ -s "$tmp/checked" ] || { echo "FAIL: gbo rules lists no checked rule"; exit 1; }

while read -r rule; do
    if [ ! -f "$dir/$rule/trigger.xml" ] || [ ! -f "$dir/$rule/twin.xml" ]; then
        echo "FAIL: $rule is checked but has no trigger.xml/twin.xml pair"; status=1; continue
    fi
    opts=$(cat "$dir/$rule/options" 2>/dev/null || true)
    for trigger in "$dir/$rule"/trigger*.xml; do
        # shellcheck disable=SC2086
        "$gbo" validate --lang en $opts "$trigger" > "$tmp/out" 2>&1 || true
        grep -v '^gbo validate:' "$tmp/out" > "$tmp/findings" || true
        if [ ! -s "$tmp/findings" ]; then
            echo "FAIL: $rule: $(basename "$trigger") reports nothing"; status=1
        elif grep -v ": $rule: " "$tmp/findings" > "$tmp/other"; then
            echo "FAIL: $rule: $(basename "$trigger") reports other rules:"; cat "$tmp/other"; status=1
        fi
    done
    for twin in "$dir/$rule"/twin*.xml; do
        # shellcheck disable=SC2086
        if ! "$gbo" validate --lang en --strict $opts "$twin" > "$tmp/out" 2>&1; then
            echo "FAIL: $rule: $(basename "$twin") is not clean:"; cat "$tmp/out"; status=1
        fi
    done
    pairs=$((pairs + 1))
done < "$tmp/checked"

# no fixture directory for a rule that is not checked (it would test nothing)
for d in "$dir"/*/; do
    rule=$(basename "$d")
    grep -qx "$rule" "$tmp/checked" || { echo "FAIL: fixtures for $rule, which is not checked"; status=1; }
done
[ $status -eq 0 ] && echo "PASS: $pairs checked rules, each with a triggering fixture and a clean twin"
exit $status
