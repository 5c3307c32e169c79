#!/bin/sh
# The benchmark corpus and bench/run stay usable (their numbers are never
# asserted: SPEC §8): bench/gen-corpus is deterministic, varied (every
# message kind, 1–13 KB) and valid (at least 95 % of documents clean, files
# and bundle items alike), and bench/run completes a tiny run with every
# section of its report.
set -u
src="$GBO_SRCDIR"
gbo="$GBO_BUILDDIR/tools/gbo"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
checks=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { checks=$((checks + 1)); }
py=/usr/bin/python3

"$src/bench/gen-corpus" --seed 11 --files 300 --bundle 200 --out "$tmp/a" 2> "$tmp/mix" && ok || fail "gen-corpus failed"
"$src/bench/gen-corpus" --quiet --seed 11 --files 300 --bundle 200 --out "$tmp/b" && ok || fail "gen-corpus failed"
diff -r "$tmp/a" "$tmp/b" > /dev/null && ok || fail "the same seed gave different corpora"
"$src/bench/gen-corpus" --quiet --seed 12 --files 5 --out "$tmp/c" && ok || fail "gen-corpus failed"
cmp -s "$tmp/a/doc-000001.xml" "$tmp/c/doc-000001.xml" && fail "another seed gave the same document" || ok

for kind in referral/warm-referral referral/dossier-transfer caseConference statusUpdate/ \
            acknowledgement/accepted acknowledgement/rejected consentWithdrawal policySignal supportEnded; do
    grep -q "$kind" "$tmp/mix" && ok || fail "no $kind in the corpus: $(cat "$tmp/mix")"
done
sizes=$(wc -c "$tmp"/a/doc-*.xml | awk '$2 != "total" { print $1 }' | sort -n)
min=$(echo "$sizes" | head -n 1); max=$(echo "$sizes" | tail -n 1)
[ "$min" -ge 800 ] && [ "$max" -le 13500 ] && [ "$max" -ge 8000 ] && ok || fail "sizes $min..$max bytes, not 1-13 KB"

# at least 95 % of documents and of bundle items validate without an error
"$gbo" validate --format json --lang en "$tmp"/a/doc-*.xml > "$tmp/files.json"
"$gbo" validate --format json --lang en "$tmp/a/bundle.xml" > "$tmp/bundle.json"
for report in files bundle; do
    $py - "$tmp/$report.json" <<'PY' && ok || fail "$report: fewer than 95 % of the documents are clean"
import json, sys
items = [it for f in json.load(open(sys.argv[1]))["files"] for it in f["items"]]
clean = sum(1 for it in items if not any(d["severity"] == "error" for d in it["diagnostics"]))
print("%d of %d clean" % (clean, len(items)))
sys.exit(0 if len(items) >= 200 and clean >= 0.95 * len(items) else 1)
PY
done
xmllint --noout --schema "$src/data/gbo-exchange-1.xsd" "$tmp/a/bundle.xml" 2> /dev/null && ok || fail "the bundle breaks the schema"

# bench/run end to end, tiny: every section, every tool
"$src/bench/run" --build "$GBO_BUILDDIR" --corpus "$tmp/run" --files 12 --bundles 20 --processes 2 \
    --reps 1 --only files,bundles,processes > "$tmp/report.md" 2> "$tmp/run.err" && ok || { fail "bench/run failed"; cat "$tmp/run.err"; }
for want in '### 12 files' '### One bundle of 20 items' '### One process per file' \
            '| gbo validate |' '| gbo validate --jobs 1 |' '| xmllint --noout --schema |' \
            '| xmllint --stream (parse only) |' 'lxml XMLSchema' 'DOMDocument::schemaValidate' \
            '| gbo Python binding | skipped:' '- commit:' '- machine:'; do
    grep -qF -- "$want" "$tmp/report.md" && ok || fail "bench/run report lacks '$want'"
done

echo "bench-corpus: $checks passed, $failures failed"
[ "$failures" -eq 0 ]
