#!/bin/sh
# Keep what a fuzzing run found: of the inputs in FOUND_DIR that add
# coverage beyond the seed inputs and the committed corpus (libFuzzer
# -merge=1), the KEEP smallest (default 100) are copied into
# tests/fuzz/corpus/TARGET/, so the committed corpora stay small.
# Usage: tests/fuzz/merge-corpus.sh SRCDIR TARGET_BINARY FOUND_DIR [KEEP]
set -eu
src=$1 target=$2 found=$3 keep=${4:-100}
name=$(basename "$target")
corpus="$src/tests/fuzz/corpus/$name"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$src/tests/fuzz/seeds.sh"
mkdir -p "$tmp/known" "$tmp/merged" "$corpus"
# what is known already: the seeds and the committed corpus, merged first
# shellcheck disable=SC2046
"$target" -merge=1 -max_len=131072 "$tmp/known" $(fuzz_seeds "$name" "$src" "$tmp") "$corpus" > "$tmp/log" 2>&1
cp "$tmp/known"/* "$tmp/merged/" 2>/dev/null || true
"$target" -merge=1 -max_len=131072 "$tmp/merged" "$found" >> "$tmp/log" 2>&1
added=0
for f in $(ls -S -r "$tmp/merged"); do
    [ -e "$tmp/known/$f" ] && continue
    [ "$added" -lt "$keep" ] || break
    cp "$tmp/merged/$f" "$corpus/" && added=$((added + 1))
done
echo "merge-corpus: $name: $added inputs added to tests/fuzz/corpus/$name ($(du -sh "$corpus" | cut -f1))"
