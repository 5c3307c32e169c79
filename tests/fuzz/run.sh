#!/bin/sh
# Run libFuzzer targets: each first over its committed corpus and the seed
# inputs (every file once: the regression run), then fuzzing for SECONDS.
# Usage: tests/fuzz/run.sh SRCDIR SECONDS JOBS TARGET...   (make fuzz calls it)
#   JOBS targets run at a time. New inputs go to $FUZZ_OUT (default: a
#   temporary directory); findings are kept there as crash-*/leak-*/timeout-*.
# Exit status 1 when any target found anything.
set -u
src=$1 seconds=$2 jobs=$3
shift 3
out=${FUZZ_OUT:-$(mktemp -d)}
mkdir -p "$out"
dict="$src/tests/fuzz/gbo.dict"

. "$src/tests/fuzz/seeds.sh"
seeds_for() { fuzz_seeds "$1" "$src" "$out"; }

run_one() {
    path=$1
    name=$(basename "$path")
    corpus="$src/tests/fuzz/corpus/$name"
    work="$out/corpus-$name"
    mkdir -p "$work"
    [ -d "$corpus" ] || corpus=
    # shellcheck disable=SC2046
    set -- -dict="$dict" -max_len=131072 -timeout=30 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$out/$name-"
    log="$out/$name.log"
    # 1. regressions: every committed and seed input once
    # shellcheck disable=SC2046
    if ! "$path" "$@" -runs=0 $corpus $(seeds_for "$name") > "$log" 2>&1; then
        echo "fuzz: $name: FAILED on the committed corpus (see $log)"; tail -30 "$log"; return 1
    fi
    # 2. fuzzing
    # shellcheck disable=SC2046
    if ! "$path" "$@" -max_total_time="$seconds" "$work" $corpus $(seeds_for "$name") >> "$log" 2>&1; then
        echo "fuzz: $name: FINDING (see $log and $out/$name-*)"; tail -40 "$log"; return 1
    fi
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
    echo "fuzz: $name: ${runs:-?} runs in ${seconds} s, $cov, no finding"
}

status=0
pids=
running=0
for target in "$@"; do
    if [ "$jobs" -le 1 ]; then
        run_one "$target" || status=1
        continue
    fi
    (run_one "$target") > "$out/$(basename "$target").summary" 2>&1 &
    pids="$pids $!"
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        for p in $pids; do wait "$p" || status=1; done
        pids= running=0
    fi
done
for p in $pids; do wait "$p" || status=1; done
[ "$jobs" -le 1 ] || cat "$out"/*.summary
[ -n "${FUZZ_OUT:-}" ] || rm -rf "$out"
exit $status
