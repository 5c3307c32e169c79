#!/bin/sh
# The Python binding the way a user gets it (docs/python.md): libgbo installed
# into a prefix, the binding installed with pip into a venv against it —
# offline, no build isolation — and used from outside the tree without
# LD_LIBRARY_PATH (the extension's RUNPATH finds libgbo).
set -eu
. "$GBO_SRCDIR/tests/python-env.sh"
. "$GBO_SRCDIR/tests/install-prefix.sh"
cp -R "$GBO_SRCDIR/bindings/python" "$tmp/binding" # pip builds in the tree it is given
chmod -R u+w "$tmp/binding"
"$PYTHON" -m venv --system-site-packages "$tmp/venv"
srcdir=$GBO_SRCDIR
unset GBO_SRCDIR GBO_BUILDDIR # setup.py: not the build tree, the installed library
"$tmp/venv/bin/pip" install --quiet --no-index --no-build-isolation "$tmp/binding" > "$tmp/pip.log" 2>&1 ||
    { cat "$tmp/pip.log"; echo "FAIL: pip install"; exit 1; }
unset PYTHONPATH LD_LIBRARY_PATH PKG_CONFIG_PATH
cd "$tmp"
where=$("$tmp/venv/bin/python" -c 'import gbo; print(gbo.__file__, gbo.__version__)')
case $where in
    "$tmp/venv/"*) ;;
    *) echo "FAIL: gbo imported from $where, not the venv"; exit 1 ;;
esac
so=$(find "$tmp/venv" -name '_gbo*.so')
libdir=$(dirname "$(find "$tmp/root" -name 'libgbo.so.*' | head -n 1)")
readelf -d "$so" | grep -E 'R(UN)?PATH' | grep -q "$libdir" ||
    { echo "FAIL: the extension has no run path to $libdir"; readelf -d "$so" | grep PATH; exit 1; }
"$tmp/venv/bin/python" "$srcdir/examples/python/validate_folder.py" "$srcdir/examples" en > "$tmp/out" ||
    { cat "$tmp/out"; echo "FAIL: examples/python/validate_folder.py"; exit 1; }
tail -n 1 "$tmp/out" | grep -q '^17 files: 0 errors, 0 warnings' ||
    { cat "$tmp/out"; echo "FAIL: validate_folder.py on examples/"; exit 1; }
"$tmp/venv/bin/python" "$srcdir/examples/python/validate_folder.py" "$srcdir/tests/fixtures/rules/GBO-R001" en > "$tmp/out" && {
    echo "FAIL: a folder with an error exits 0"; exit 1; }
grep -q 'GBO-R001' "$tmp/out" || { cat "$tmp/out"; echo "FAIL: no GBO-R001"; exit 1; }
"$tmp/venv/bin/python" "$srcdir/examples/python/build_referral.py" "$tmp/built.xml" 2> "$tmp/out" ||
    { cat "$tmp/out"; echo "FAIL: examples/python/build_referral.py"; exit 1; }
"$GBO_CLI" validate "$tmp/built.xml" > "$tmp/out" 2>&1 ||
    { cat "$tmp/out"; echo "FAIL: the referral build_referral.py wrote does not validate"; exit 1; }
# the installed stubs type-check the model (mypy --strict, from outside the tree)
"$tmp/venv/bin/python" -m mypy --strict --cache-dir "$tmp/mypy" "$srcdir/examples/python/build_referral.py" > "$tmp/out" 2>&1 ||
    { cat "$tmp/out"; echo "FAIL: mypy --strict with the installed stubs"; exit 1; }
echo "PASS: pip install into a venv against libgbo in $libdir; gbo $where"
