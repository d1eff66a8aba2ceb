#!/usr/bin/env python3
"""Generate rules/places/countries.tsv from i18n-iso-countries (npm) langs/zh.json.

Output columns (tab-separated, header first, sorted by code):
    code  name  aliases
code is ISO 3166-1 alpha-2, name the package's Chinese name, aliases the other Chinese
names the package gives (it may give a list) plus those in country_aliases.tsv,
comma-separated. HK, MO and TW are left out: they are province-level units of China
and are listed in rules/places/china.tsv.
"""
import json
import sys

import fetch

OUT = fetch.RULES / "places" / "countries.tsv"
ALIASES = fetch.RULES / "build" / "country_aliases.tsv"
EXCLUDE = {"HK", "MO", "TW"}


def main():
    with open(fetch.countries() / "langs" / "zh.json", encoding="utf-8") as f:
        data = json.load(f)["countries"]
    extra = {}
    for line in fetch.read_list(ALIASES):
        code, names = line.split("\t")
        assert code in data, f"unknown code {code}"
        assert code not in extra, f"duplicate code {code}"
        extra[code] = [n.strip() for n in names.split(",") if n.strip()]

    seen = {}
    rows = []
    for code in sorted(data):
        if code in EXCLUDE:
            continue
        names = data[code] if isinstance(data[code], list) else [data[code]]
        primary = names[0]
        aliases = []
        for n in names[1:] + extra.get(code, []):
            if n != primary and n not in aliases:
                aliases.append(n)
        for n in [primary] + aliases:
            assert "," not in n and "\t" not in n, n
            assert n not in seen, f"{n} given for {seen.get(n)} and {code}"
            seen[n] = code
        rows.append((code, primary, ",".join(aliases)))

    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("code\tname\taliases\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
    print(f"wrote {OUT}: {len(rows)} countries and territories, "
          f"{sum(1 for r in rows if r[2])} with aliases", file=sys.stderr)


if __name__ == "__main__":
    main()
