# Sourced by run.sh and merge-corpus.sh: the seed inputs of each fuzz target
# are the examples and the test fixtures.
# fuzz_seeds TARGET SRCDIR WORKDIR prints the seed directories (WORKDIR
# receives generated seeds where a target needs them).
fuzz_seeds() {
    case $1 in
        fuzz_extension) echo "$2/examples/codelists $2/tests/fixtures/codelists" ;;
        fuzz_ids)
            mkdir -p "$3/seeds-ids"
            i=0
            grep -v '^#' "$2/examples/identifiers.txt" | while read -r _ value; do
                i=$((i + 1)); printf '%s' "$value" > "$3/seeds-ids/$i"
            done
            for v in 2025-03-12T09:05:00Z 2025-03-12T10:05:00.5+01:00 1985-07-30 1985 nl-BE true 12; do
                printf '%s' "$v" > "$3/seeds-ids/v-$v"
            done
            echo "$3/seeds-ids" ;;
        *) echo "$2/examples $2/tests/fixtures/rules $2/tests/fixtures/hostile $2/tests/fixtures/consent $2/tests/fixtures/history" ;;
    esac
}
