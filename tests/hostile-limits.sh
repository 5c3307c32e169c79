#!/bin/sh
# Hostile inputs as an attacker would send them, through gbo validate: each
# finishes under `timeout 5` with its rule id (never a hang, a crash, a
# clean verdict or unbounded memory), and the memory bombs peak at no more
# than 128 MiB resident (GNU time's %M; `ulimit -v` is only a generous
# safety net). The inputs are generated here: they are megabytes each.
set -u
gbo="$GBO_BUILDDIR/tools/gbo"
src="$GBO_SRCDIR"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
checks=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { checks=$((checks + 1)); }

/usr/bin/python3 - "$tmp" "$src/examples" <<'PY'
import sys
tmp, examples = sys.argv[1], sys.argv[2]
head = '<?xml version="1.0" encoding="UTF-8"?>\n<exchange xmlns="urn:gbo:exchange:1" version="1.0" id="0b7e6a1c-3c1f-4f8e-9a55-6c2d1e0f9a10"'
bundle = '<?xml version="1.0" encoding="UTF-8"?>\n<bundle xmlns="urn:gbo:exchange:1" version="1.0">\n'
item = '<exchange version="1.0" id="0b7e6a1c-3c1f-4f8e-9a55-6c2d1e0f9a10"><header/>'
def write(name, *parts):
    with open('%s/%s' % (tmp, name), 'w') as f:
        for p in parts:
            f.write(p)
for n in (20000, 200000):
    write('attributes-%d.xml' % n, head, ''.join(' a%d="1"' % i for i in range(n)), '><header/></exchange>\n')
write('namespaces-root.xml', head, ''.join(' xmlns:p%d="urn:p%d"' % (i, i) for i in range(300000)), '><header/></exchange>\n')
write('namespaces-used.xml', head, '><header/>',
      ''.join('<e xmlns="urn:x"%s/>' % ''.join(' xmlns:p%d="urn:p%d"' % (k, k) for k in range(i, i + 40))
              for i in range(0, 40000, 40)),
      ''.join('<p%d:x xmlns:p%d="urn:p%d"/>' % (i, i, i) for i in range(40000)), '</exchange>\n')
write('empty-elements.xml', head, '>', '<a/>' * 3999950, '</exchange>\n')
write('bundle-siblings.xml', bundle, item, '<e xmlns="urn:x">', '<a/>' * 10000000, '</e></exchange>\n</bundle>\n')
write('bundle-large-item.xml', bundle, item, '<e xmlns="urn:x">', ('<a>%s</a>' % ('x' * 80)) * 200000, '</e></exchange>\n</bundle>\n')
warm = open(examples + '/referral-warm.xml').read()
with open(tmp + '/nul.xml', 'wb') as f:
    f.write(warm.encode() + b'\0<!DOCTYPE x SYSTEM "file:///etc/passwd">')
write('xml-prefix.xml', warm.replace('<exchange xmlns=', '<exchange xmlns:xml="urn:not-xml" xmlns=', 1))
b = open(examples + '/bundle.xml').read()
end = b.index('</exchange>') + len('</exchange>')
write('bundle-text.xml', b[:end], '\n  text between items\n', b[end:])
xsi = '<exchange xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" %s xmlns='
# a bundle of 150 items of 1 MB each (an extension's text): 150 MB to stream
item = ('<exchange version="1.0" id="00000000-0000-4000-8000-%012d"><header><createdAt>2025-03-04T10:00:00Z</createdAt>'
        '<sender>0e3b5a10-2c4d-4e6f-8a9b-0c1d2e3f4a01</sender><recipient>0e3b5a10-2c4d-4e6f-8a9b-0c1d2e3f4a02</recipient>'
        '<codeListVersion>2026.1</codeListVersion></header><organisation id="0e3b5a10-2c4d-4e6f-8a9b-0c1d2e3f4a01">'
        '<name>CAW</name><kind>caw</kind><x:note xmlns:x="urn:x">%s</x:note></organisation></exchange>\n')
text = 'x' * 1000000
with open(tmp + '/bundle-150mb.xml', 'w') as f:
    f.write(bundle)
    for i in range(150):
        f.write(item % (i + 1, text))
    f.write('</bundle>\n')
# 17 MiB of short elements in the root: past the 16 MiB limit, under the
# element limit and libxml2's own text limit, every byte acceptable
t = '<t>%s</t>\n' % ('x' * 120)
write('large.xml', head, '>', t * ((17 << 20) // len(t)), '</exchange>\n')
write('head.xml', head, '>')
write('schema-location.xml', warm.replace('<exchange xmlns=', xsi % ('xsi:schemaLocation="urn:gbo:exchange:1 %s/fifo"' % tmp), 1))
write('no-namespace-location.xml', warm.replace('<exchange xmlns=', xsi % ('xsi:noNamespaceSchemaLocation="%s/fifo"' % tmp), 1))
PY
mkfifo "$tmp/fifo" # would block whoever opened it
truncate -s 2G "$tmp/sparse.xml" # 2 GiB that cost no disk
# an endless document: a root start tag, then text for ever (while read)
mkfifo "$tmp/endless"
endless() {
    timeout 20 sh -c 'cat "$1/head.xml"; yes "<t>$(printf %0120d 0)</t>"' sh "$tmp" \
        > "$tmp/endless" 2>/dev/null &
}

# Under ASan (./configure --enable-sanitizers) the shadow memory is not the
# program's: the verdicts are checked, the memory bound and ulimit -v are not.
sanitized=${GBO_SANITIZERS:-no}
vm=4194304
[ "$sanitized" = yes ] && vm=unlimited

# run INPUT WANT TEXT GBO-ARGS...: gbo with INPUT on standard input; the exit
# status, a line of output with TEXT (a grep pattern; none when empty), and
# the peak resident memory
run() {
    input=$1 want=$2 text=$3; shift 3
    ( ulimit -v $vm; exec /usr/bin/time -f %M -o "$tmp/rss" timeout "${limit:-5}" "$gbo" "$@" ) < "$input" > "$tmp/out" 2>&1
    got=$?
    [ "$got" -eq "$want" ] && ok || { fail "gbo $*: exit $got (want $want)"; head -c 400 "$tmp/out"; echo; }
    if [ -n "$text" ]; then
        grep -q "$text" "$tmp/out" && ok || { fail "gbo $*: no '$text'"; head -c 400 "$tmp/out"; echo; }
    fi
    rss=$(tail -n 1 "$tmp/rss")
    [ "$sanitized" = yes ] || { [ "$rss" -le 131072 ] && ok || fail "gbo $*: peak RSS $rss KiB, over 128 MiB"; }
}

# check FILE STATUS RULE TEXT: gbo validate FILE, its exit status and finding
check() {
    run /dev/null "$2" "${3:+error: $3: $4}" validate --jobs 1 --lang en "$tmp/$1"
}
check attributes-20000.xml 1 GBO-X005 'a start tag has more attributes than the limit of 64'
check attributes-200000.xml 1 GBO-X005 'a start tag has more attributes than the limit of 64'
check namespaces-root.xml 1 GBO-X005 'a start tag has more attributes than the limit of 64'
check namespaces-used.xml 1 GBO-X005 'the document declares more namespaces than the limit of 64'
check empty-elements.xml 1 GBO-X005 'the document has more elements than the limit of 250000'
check bundle-siblings.xml 1 GBO-X005 'the document has more elements than the limit of 250000; the items after it were not examined \[item 1\]'
check bundle-large-item.xml 1 GBO-X005 'the document is larger than the limit of 16777216 bytes; the items after it were not examined \[item 1\]'
check nul.xml 1 GBO-X001 'the document contains a NUL byte, which XML does not allow'
check xml-prefix.xml 1 GBO-X001 'the prefix xml or xmlns is bound to another namespace'
check bundle-text.xml 1 GBO-X001 'there is text between the items of a bundle; the items after it were not examined \[item 2\]'
grep -q '1 file, 2 documents: 1 error' "$tmp/out" && ok || fail "bundle-text.xml: the item before the text was not validated: $(tail -n 1 "$tmp/out")"
# schema hints are never resolved: naming a FIFO, the run neither blocks nor opens it
check schema-location.xml 0 '' ''
check no-namespace-location.xml 0 '' ''

# standard input and large files are read no further than the limit, and a
# source that is not XML no further than its first bytes; a bundle on
# standard input streams
x005_size='GBO-X005: the document is larger than the limit of 16777216 bytes'
x001_zeros='GBO-X001: the input is UTF-16 or UTF-32: documents must be UTF-8'
endless; run "$tmp/endless" 1 "$x005_size" validate --jobs 1 --lang en -
endless; run "$tmp/endless" 1 "$x005_size" format -
run "$tmp/large.xml" 1 "$x005_size" validate --jobs 1 --lang en -
for cmd in "validate --jobs 1 --lang en" format; do
    run /dev/null 1 "$x005_size" $cmd "$tmp/large.xml"
    run /dev/null 1 "$x001_zeros" $cmd "$tmp/sparse.xml"
    run /dev/zero 1 "$x001_zeros" $cmd -
done
run /dev/null 2 'the document is larger than the limit' stats "$tmp/large.xml"
run /dev/null 2 'the document is larger than the limit' consent-check "$tmp/large.xml" \
    --recipient 0e3b5a10-2c4d-4e6f-8a9b-0c1d2e3f4a02 --purpose reception --category health
run /dev/null 2 'the input is UTF-16 or UTF-32' stats "$tmp/sparse.xml"
# 150 MB take seconds to parse: the bound here is memory, the time only a safety net
limit=60
run "$tmp/bundle-150mb.xml" 0 '1 file, 150 documents: 0 errors' validate --jobs 1 --lang en -
limit=5

echo "hostile-limits: $checks passed, $failures failed"
[ "$failures" -eq 0 ]
