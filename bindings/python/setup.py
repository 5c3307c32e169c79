"""Build definition of the gbo Python package (the C extension gbo._gbo).

Two ways in, one definition:
  * against an installed libgbo (pip install bindings/python): pkg-config gives
    the flags, and a library outside the system directories is found at run
    time through the extension's RUNPATH, without LD_LIBRARY_PATH;
  * against the library just built in a libgbo build tree (make, for make
    check): GBO_SRCDIR and GBO_BUILDDIR name the trees.
"""

import os
import shlex
import subprocess
import sysconfig

from setuptools import Extension, setup

SOURCES = [
    "src/module.c",
    "src/errors.c",
    "src/source.c",
    "src/options.c",
    "src/diagnostic.c",
    "src/codes.c",
    "src/validator.c",
    "src/exchange.c",
    "src/bundle.c",
    "src/values.c",
    "src/model.c",
    "src/field_list.c",
    "src/dict.c",
    "src/consent.c",
    "src/lifecycle.c",
    "src/identifiers.c",
    "src/stats.c",
]
MULTIARCH = sysconfig.get_config_var("MULTIARCH") or ""
SYSTEM_LIBDIRS = {"/usr/lib", "/usr/lib64", "/lib", "/lib64", f"/usr/lib/{MULTIARCH}", f"/lib/{MULTIARCH}"}


def pkg_config(*args):
    try:
        command = shlex.split(os.environ.get("PKG_CONFIG") or "pkg-config")
        out = subprocess.run([*command, *args, "libgbo"], check=True, capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        raise SystemExit(
            "gbo: libgbo was not found by pkg-config (install libgbo, or set PKG_CONFIG_PATH "
            f"to its lib/pkgconfig): {getattr(e, 'stderr', e)}"
        )
    return shlex.split(out)


def library_options():
    srcdir, builddir = os.environ.get("GBO_SRCDIR"), os.environ.get("GBO_BUILDDIR")
    if srcdir and builddir:  # the build tree
        libdir = os.path.join(builddir, "lib", ".libs")
        return {
            "include_dirs": [os.path.join(srcdir, "include"), os.path.join(builddir, "include")],
            "library_dirs": [libdir],
            "libraries": ["gbo"],
            "runtime_library_dirs": [libdir],
        }, os.environ.get("GBO_VERSION", "0")
    cflags, libs = pkg_config("--cflags"), pkg_config("--libs")
    libdir = pkg_config("--variable=libdir")[0]
    return {
        "include_dirs": [f[2:] for f in cflags if f.startswith("-I")],
        "extra_compile_args": [f for f in cflags if not f.startswith("-I")],
        "library_dirs": [f[2:] for f in libs if f.startswith("-L")],
        "libraries": [f[2:] for f in libs if f.startswith("-l")],
        "extra_link_args": [f for f in libs if not f.startswith(("-L", "-l"))],
        "runtime_library_dirs": [] if os.path.realpath(libdir) in SYSTEM_LIBDIRS else [libdir],
    }, pkg_config("--modversion")[0]


options, version = library_options()
options.setdefault("extra_compile_args", []).extend(["-std=c11", "-Wall", "-Wextra", "-Wno-missing-field-initializers"])

setup(
    name="gbo",
    version=version,
    description="libgbo for Python: validate and read GBO exchange documents",
    packages=["gbo"],
    package_data={"gbo": ["py.typed", "*.pyi"]},
    ext_modules=[Extension("gbo._gbo", sources=SOURCES, depends=["src/gbo_module.h"], **options)],
    python_requires=">=3.11",
    zip_safe=False,
)
