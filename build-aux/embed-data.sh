#!/bin/sh
# embed-data.sh SYMBOL FILE — print a C source that holds FILE's bytes as
#   const unsigned char SYMBOL[] (NUL-terminated) and const size_t SYMBOL_size.
# POSIX sh + od, so the build needs no xxd.
set -eu
symbol=$1
file=$2
size=$(wc -c < "$file" | tr -d ' ')
printf '/* Generated from %s by build-aux/embed-data.sh; do not edit. */\n' "$(basename "$file")"
printf '#include <stddef.h>\n'
printf 'extern const unsigned char %s[];\n' "$symbol"
printf 'extern const size_t %s_size;\n' "$symbol"
printf 'const unsigned char %s[] = {\n' "$symbol"
od -An -v -tx1 "$file" | sed -e 's/[ ]*\([0-9a-f][0-9a-f]\)/0x\1,/g' -e 's/^/    /'
printf '    0x00\n};\n'
printf 'const size_t %s_size = %s;\n' "$symbol" "$size"
