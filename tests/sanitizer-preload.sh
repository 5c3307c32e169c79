# Sourced by the tests that load libgbo into an interpreter (Python, PHP): in
# a build with --enable-sanitizers, whose libgbo needs the sanitizer runtimes
# loaded first, those runtimes are preloaded into the interpreter (its own
# leaks are not ours: LeakSanitizer is off there).
if [ "${GBO_SANITIZERS:-no}" = yes ]; then
    runtimes=
    for lib in libasan.so libubsan.so; do
        path=$(${CC:-cc} -print-file-name=$lib)
        [ -f "$path" ] && runtimes="$runtimes${runtimes:+:}$path"
    done
    LD_PRELOAD=$runtimes
    ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
    export LD_PRELOAD ASAN_OPTIONS
fi
