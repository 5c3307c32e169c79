#!/bin/sh
# The message catalogue (data/messages.xml): every rule of the table has a
# title and help in nl, fr, de and en; every message has all four texts with
# the same {N} placeholders as the English one; every key the library uses
# exists; and every rule in the catalogue is in the rule table.
set -eu
exec /usr/bin/python3 - "$GBO_SRCDIR" "$GBO_BUILDDIR/tools/gbo" <<'PY'
import re, subprocess, sys, glob
import xml.etree.ElementTree as ET
src, gbo = sys.argv[1], sys.argv[2]
NS = '{urn:gbo:messages:1}'
LANG = '{http://www.w3.org/XML/1998/namespace}lang'
root = ET.parse(src + '/data/messages.xml').getroot()
problems = []
def placeholders(t):
    return sorted(re.findall(r'\{\d\}', t))
rules, keys = set(), set()
for el in root:
    tag = el.tag.replace(NS, '')
    name = el.get('id') or el.get('key')
    groups = ['title', 'help'] if tag == 'rule' else ['text']
    (rules if tag == 'rule' else keys).add(name)
    for g in groups:
        texts = {t.get(LANG): (t.text or '') for t in el.findall(NS + g)}
        if sorted(texts) != ['de', 'en', 'fr', 'nl']:
            problems.append('%s %s: languages %s' % (name, g, sorted(texts)))
            continue
        for lang, t in texts.items():
            if not t.strip():
                problems.append('%s %s %s: empty' % (name, g, lang))
            if placeholders(t) != placeholders(texts['en']):
                problems.append('%s %s %s: placeholders differ from English' % (name, g, lang))
table = subprocess.run([gbo, 'rules', '--lang', 'en'], capture_output=True, text=True).stdout
table_ids = set(l.split()[0] for l in table.splitlines() if l.startswith('GBO-'))
if table_ids != rules:
    problems.append('rule table and catalogue differ: %s' % sorted(table_ids ^ rules))
used = set()
for f in glob.glob(src + '/lib/*.c'):
    used |= set(re.findall(r'"((?:x00[1-6]|i00[1-6]|r0[0-9][0-9]|c0[0-9][0-9]|form|bundle)\.[a-z0-9-]+)"', open(f).read()))
# r003.%s is built from the kinds of personal data
used |= {'r003.national-number', 'r003.email', 'r003.phone', 'r008.national-number', 'r008.email', 'r008.phone'}
used = {k for k in used if not k.endswith(".xml")}  # file names, not keys
missing = sorted(used - keys)
if missing:
    problems.append('keys used by the library but missing from the catalogue: %s' % missing)
for p in problems:
    print('FAIL:', p)
if problems:
    sys.exit(1)
print('PASS: %d rules and %d messages in nl, fr, de and en; %d keys used by the library all present'
      % (len(rules), len(keys), len(used)))
PY
