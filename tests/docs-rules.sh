#!/bin/sh
# docs/rules.md is the rule catalogue generated from the table and the
# message catalogue, in the four languages: it must match what
# `gbo rules --format markdown` prints today (regenerate with
# `make update-docs`).
set -eu
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
sh "$GBO_SRCDIR/docs/make-rules-md.sh" "$GBO_BUILDDIR/tools/gbo" > "$tmp"
if ! cmp -s "$tmp" "$GBO_SRCDIR/docs/rules.md"; then
    echo "FAIL: docs/rules.md is out of date; run make update-docs"
    diff "$GBO_SRCDIR/docs/rules.md" "$tmp" | head -20
    exit 1
fi
echo "PASS: docs/rules.md matches the rule catalogue"
