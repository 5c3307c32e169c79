# Sourced by the Python tests: the interpreter, the tool, and — in a build
# with --enable-sanitizers, whose libgbo needs the sanitizer runtimes loaded
# first — those runtimes preloaded into Python (its own leaks are not ours:
# LeakSanitizer is off there; valgrind checks the binding's leaks).
PYTHON=${PYTHON:-python3}
GBO_CLI="$GBO_BUILDDIR/tools/gbo"
PYTHONDONTWRITEBYTECODE=1
export PYTHON GBO_CLI PYTHONDONTWRITEBYTECODE
if [ "${GBO_SANITIZERS:-no}" = yes ]; then
    runtimes=
    for lib in libasan.so libubsan.so; do
        path=$(${CC:-cc} -print-file-name=$lib)
        [ -f "$path" ] && runtimes="$runtimes${runtimes:+:}$path"
    done
    LD_PRELOAD=$runtimes
    ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
    GBO_PYTHON_SANITIZED=1
    export LD_PRELOAD ASAN_OPTIONS GBO_PYTHON_SANITIZED
fi
