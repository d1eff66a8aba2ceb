#!/usr/bin/env python3
"""Check (and with --fix, normalize) the hand-written lexicons in rules/lexicons/.

Format of every lexicon: UTF-8, one entry per line, tab-separated columns where the
file has columns, `#` starts a comment, blank lines allowed. A section is a run of
entry lines between comment or blank lines; entries are sorted within sections
(by code point of the whole line). The first column must be unique in the file.

    python3 lexicon_tool.py          # check all, exit 1 on problems
    python3 lexicon_tool.py --fix    # sort sections in place, then check
"""
import pathlib
import sys

import fetch

LEX = fetch.RULES / "lexicons"

# file -> (number of columns, allowed values of column 2 or None)
SPEC = {
    "surnames.txt": (1, None),
    "surnames_compound.txt": (1, None),
    "japanese_surnames.txt": (1, None),
    "titles.txt": (1, None),
    "org_suffixes.txt": (2, {"gov", "edu", "research", "company", "media", "party", "society", "other", "brand"}),
    "units.txt": (2, {"count", "money", "percent", "rank", "physical", "time", "people"}),
    "qualifiers.txt": (1, None),
    "qualifiers_postfix.txt": (1, None),
    "speech_verbs.txt": (1, None),
    "industries.txt": (2, None),
    "regions.txt": (3, None),  # name, aliases, optional parent (a full name in china.tsv)
    "not_person.txt": (1, None),
    "dictionary_names.txt": (1, None),
    "nations.txt": (1, None),
    "standalone_bodies.txt": (1, None),
    "division_heads.txt": (1, None),
    "national_levels.txt": (1, None),
    "class_nouns.txt": (1, None),
    "body_heads.txt": (1, None),
    "not_org_heads.txt": (1, None),
    "dateline_words.txt": (1, None),
    "figure_scope_words.txt": (1, None),
    "figure_linking_words.txt": (1, None),
    "figure_time_prepositions.txt": (1, None),
    "figure_change_words.txt": (1, None),
    "figure_comparison_words.txt": (1, None),
    "figure_tail_function_words.txt": (1, None),
    "figure_light_verbs.txt": (1, None),
    "figure_source_words.txt": (1, None),
    "figure_back_references.txt": (1, None),
    "figure_duration_nouns.txt": (1, None),
}


def sections(lines):
    """Yield (is_entry_block, lines)."""
    block, kind = [], None
    for line in lines:
        entry = bool(line.strip()) and not line.lstrip().startswith("#")
        if kind is not None and entry != kind:
            yield kind, block
            block = []
        kind = entry
        block.append(line)
    if block:
        yield kind, block


def fix(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    out = []
    for entry, block in sections(lines):
        out.extend(sorted(block) if entry else block)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def check(path, ncols, allowed):
    problems = []
    seen = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    for entry, block in sections(lines):
        if entry and block != sorted(block) and path.name != "nations.txt":
            problems.append(f"{path.name}: section starting '{block[0]}' not sorted")
    for no, line in enumerate(lines, 1):
        text = line.split("#", 1)[0] if not line.startswith("#") else ""
        if not text.strip():
            continue
        if text != text.rstrip() and ncols == 1:
            problems.append(f"{path.name}:{no}: trailing space")
        cols = text.rstrip("\n").split("\t")
        if ncols == 1 and len(cols) != 1:
            problems.append(f"{path.name}:{no}: expected 1 column: {line!r}")
            continue
        if ncols == 2 and len(cols) != 2:
            problems.append(f"{path.name}:{no}: expected 2 columns: {line!r}")
        if ncols == 3 and len(cols) not in (2, 3):
            problems.append(f"{path.name}:{no}: expected 2 or 3 columns: {line!r}")
            continue
        key = cols[0].strip()
        if not key or key != cols[0]:
            problems.append(f"{path.name}:{no}: bad first column {cols[0]!r}")
        if key in seen:
            problems.append(f"{path.name}:{no}: duplicate {key} (line {seen[key]})")
        seen[key] = no
        if allowed is not None and cols[1] not in allowed:
            problems.append(f"{path.name}:{no}: kind {cols[1]!r} not in {sorted(allowed)}")
        if ncols in (2, 3) and allowed is None and cols[1]:
            variants = cols[1].split(",")
            if any(not v or v != v.strip() for v in variants):
                problems.append(f"{path.name}:{no}: empty or padded variant in {cols[1]!r}")
            if key in variants or len(set(variants)) != len(variants):
                problems.append(f"{path.name}:{no}: variant repeats: {cols[1]!r}")
    return problems, len(seen)


def main():
    problems = []
    for name, (ncols, allowed) in SPEC.items():
        path = LEX / name
        if not path.exists():
            problems.append(f"missing {name}")
            continue
        if "--fix" in sys.argv and name != "nations.txt":
            fix(path)
        p, n = check(path, ncols, allowed)
        problems += p
        print(f"{name}: {n} entries", file=sys.stderr)
    # names (first column and variants) unique across industries.txt and regions.txt
    for name in ("industries.txt", "regions.txt"):
        path = LEX / name
        if not path.exists():
            continue
        owner = {}
        for line in fetch.read_list(path):
            cols = line.split("\t")
            names = [cols[0]] + ([v for v in cols[1].split(",") if v] if len(cols) > 1 else [])
            for n in names:
                if n in owner and owner[n] != cols[0]:
                    problems.append(f"{name}: {n} given for both {owner[n]} and {cols[0]}")
                owner.setdefault(n, cols[0])
    # cross-file checks
    single = set(fetch.read_list(LEX / "surnames.txt")) if (LEX / "surnames.txt").exists() else set()
    for s in single:
        if len(s) != 1:
            problems.append(f"surnames.txt: {s} is not a single character")
    if (LEX / "surnames_compound.txt").exists():
        for s in fetch.read_list(LEX / "surnames_compound.txt"):
            if len(s) < 2:
                problems.append(f"surnames_compound.txt: {s} is a single character")
    for p in problems:
        print(p, file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
