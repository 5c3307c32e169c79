#!/bin/sh
# Prints docs/rules.md from the rule catalogue: `sh docs/make-rules-md.sh tools/gbo`.
set -eu
gbo=$1
cat <<'HEAD'
# Rule catalogue

Every diagnostic libgbo reports names one of these rules. Rule ids are permanent:
integrators grep for them, suppress them and count them, so an id is never reused or
renumbered. "checked" says whether this release implements the rule; the others are part
of the catalogue already and are checked by a later release.

This page is generated from the rule table (`lib/rules_table.c`) and the message
catalogue (`data/messages.xml`) by `docs/make-rules-md.sh`; `make check` fails when it is out
of date. `gbo rules ID --lang nl|fr|de|en` prints one rule explained.
HEAD
for lang in en nl fr de; do
    case $lang in
        en) title="English" ;; nl) title="Nederlands" ;; fr) title="Français" ;; de) title="Deutsch" ;;
    esac
    printf '\n## %s\n\n' "$title"
    "$gbo" rules --lang "$lang" --format markdown | sed 's/| yes |/| checked |/; s/| not yet |/| — |/'
done
