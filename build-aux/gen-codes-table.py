#!/usr/bin/env python3
"""gen-codes-table.py CODELISTS.XML -- print the C source of libgbo's built-in
code lists as static tables (lib/codes_table.c), so that no process parses
the code-list XML to start. Network extensions still load from XML at run
time, through lib/codes_load.c.

The tables hold what lib/codes_load.c would build from the same file: label
and definition texts in NFC, dates as numbers, lists and codes in file order.
test_codes loads data/codelists.xml with that loader and compares the result
with these tables field by field, so the two can never drift apart.

Standard library only; the output is distributed, so building from a release
tarball needs no Python."""

import sys
import unicodedata
import xml.etree.ElementTree as ET

NS = "{urn:gbo:codelists:1}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LANGS = ("nl", "fr", "de", "en")  # the order of gbo_lang


def c_string(text):
    """A C string literal; UTF-8 stays as it is, octal escapes for the rest."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append("\\%03o" % ord(ch))
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def c_date(text):
    year, month, day = (int(part) for part in text.split("-"))
    return "{ %d, %d, %d }" % (year, month, day)


def text_of(element):
    return unicodedata.normalize("NFC", "".join(element.itertext()))


def read_code(element):
    code = {
        "value": element.get("value"),
        "seed": element.get("seed"),
        "valid_from": element.get("validFrom"),
        "valid_until": element.get("validUntil"),
        "labels": {},
        "definitions": {},
        "maps": [],
    }
    for child in element:
        if child.tag == NS + "label":
            code["labels"][child.get(XML_LANG)] = text_of(child)
        elif child.tag == NS + "definition":
            code["definitions"][child.get(XML_LANG)] = text_of(child)
        elif child.tag == NS + "map":
            code["maps"].append((child.get("list"), child.get("code")))
    return code


def texts(by_lang):
    return "{ " + ", ".join(c_string(by_lang[lang]) if lang in by_lang else "NULL"
                            for lang in LANGS) + " }"


def emit(root, source, out):
    lists = [(lst.get("id"), [read_code(c) for c in lst.findall(NS + "code")])
             for lst in root.findall(NS + "list")]
    w = out.write
    w("/* Generated from %s by build-aux/gen-codes-table.py; do not edit. */\n" % source)
    w('#include "config.h"\n\n#include <stdbool.h>\n#include <stddef.h>\n\n')
    w('#include "codes_internal.h"\n\n')
    w("static char codeset_id[] = %s;\n" % c_string(root.get("id")))
    w("static char codeset_version[] = %s;\n" % c_string(root.get("version")))
    for i, (list_id, codes) in enumerate(lists):
        w("\n/* %s */\n" % list_id)
        w("static char list_%d_id[] = %s;\n" % (i, c_string(list_id)))
        for j, code in enumerate(codes):
            name = "list_%d_code_%d" % (i, j)
            if code["maps"]:
                w("static code_map %s_maps[] = {\n" % name)
                for map_list, map_code in code["maps"]:
                    w("    { %s, %s },\n" % (c_string(map_list), c_string(map_code)))
                w("};\n")
            w("static gbo_code %s = {\n" % name)
            w("    .list = list_%d_id,\n    .origin = codeset_id,\n" % i)
            w("    .value = %s,\n" % c_string(code["value"]))
            w("    .labels = %s,\n" % texts(code["labels"]))
            w("    .definitions = %s,\n" % texts(code["definitions"]))
            w("    .seed = %s,\n" % c_string(code["seed"]))
            w("    .valid_from = %s,\n" % c_date(code["valid_from"]))
            if code["valid_until"]:
                w("    .valid_until = %s,\n    .has_until = true,\n" % c_date(code["valid_until"]))
            if code["maps"]:
                w("    .nmaps = %d,\n    .maps = %s_maps,\n" % (len(code["maps"]), name))
            w("};\n")
        w("static gbo_code *list_%d_codes[] = {\n" % i)
        for j in range(len(codes)):
            w("    &list_%d_code_%d,\n" % (i, j))
        w("};\n")
        w("static code_list list_%d = {\n    .id = list_%d_id,\n    .count = %d,\n    .cap = %d,\n"
          "    .codes = list_%d_codes,\n};\n" % (i, i, len(codes), len(codes), i))
    w("\nstatic code_list *lists[] = {\n")
    for i in range(len(lists)):
        w("    &list_%d,\n" % i)
    w("};\n\n")
    w("const gbo_codeset gbop_builtin_codeset = {\n")
    w("    .id = codeset_id,\n    .version = codeset_version,\n")
    w("    .nlists = %d,\n    .caplists = %d,\n    .lists = lists,\n};\n" % (len(lists), len(lists)))


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: gen-codes-table.py CODELISTS.XML\n")
        return 2
    root = ET.parse(argv[1]).getroot()
    if root.tag != NS + "codeLists":
        sys.stderr.write("%s: not a code-list file\n" % argv[1])
        return 1
    emit(root, "data/codelists.xml", sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
