#!/usr/bin/env python3
"""lxml-validate.py XSD FILE... -- what a Python integrator writes today: lxml with the
schema compiled once, each file parsed (no network, no entities) and validated.
Exit 1 when a file is invalid. Used by bench/run."""
import sys

from lxml import etree


def main(argv):
    schema = etree.XMLSchema(etree.parse(argv[1]))
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    invalid = 0
    for path in argv[2:]:
        try:
            if not schema.validate(etree.parse(path, parser)):
                invalid += 1
        except etree.XMLSyntaxError:
            invalid += 1
    return 1 if invalid else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
