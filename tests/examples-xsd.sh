#!/bin/sh
# Every shipped example document and bundle validates against the shipped
# schema with xmllint, the tool integrators use today — and a document
# that breaks the schema does not (so the check can fail).
set -eu
xsd="$GBO_SRCDIR/data/gbo-exchange-1.xsd"
count=0
for f in "$GBO_SRCDIR"/examples/*.xml; do
    xmllint --noout --nonet --schema "$xsd" "$f" 2> /tmp/gbo-xsd.$$ || {
        echo "FAIL: $f"; cat /tmp/gbo-xsd.$$; rm -f /tmp/gbo-xsd.$$; exit 1; }
    count=$((count + 1))
done
rm -f /tmp/gbo-xsd.$$
[ "$count" -ge 10 ] || { echo "FAIL: only $count example documents"; exit 1; }
bad='<exchange xmlns="urn:gbo:exchange:1" version="1.0" id="0b7e6a1c-3c1f-4f8e-9a55-6c2d1e0f9a10"><organisation/></exchange>'
if echo "$bad" | xmllint --noout --nonet --schema "$xsd" - 2>/dev/null; then
    echo "FAIL: the schema accepted a document without header"; exit 1
fi
echo "PASS: $count example documents validate with xmllint --schema"
