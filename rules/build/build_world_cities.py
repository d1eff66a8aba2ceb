#!/usr/bin/env python3
"""Generate rules/places/world_cities.tsv from CLDR (npm cldr-dates-full),
main/zh/timeZoneNames.json: the Chinese exemplar city of every time zone
(莫斯科, 纽约, 开罗, 吉隆坡), about 400 cities and islands worldwide.

Output columns (tab-separated, header first, sorted by zone):
    zone  name  country
zone is the IANA time zone id the name comes from; country is the country
the zone lies in, from tzdata's zone.tab (PyPI tzdata), named as
places/countries.tsv names it, so that the city lies in its country in the
hierarchy (美国纽约). It is empty for a zone zone.tab does not list under that
id (CLDR keeps some older ids: Asia/Calcutta) or a country countries.tsv lacks. Left out: Etc/ zones,
Antarctic stations (named after people: 戴维斯, 帕尔默), names of one character,
names jieba 0.42.1 lists as ordinary words (a tag other than ns/nr*/nz/nt, with
frequency of 20 or more: 昭和), names already in places/china.tsv (乌鲁木齐, 上海: China's own
units are there) or places/countries.tsv (新加坡, 斐济: a country, not a city),
and a name given for two zones (kept once, for the first zone).
"""
import json
import sys

import fetch

OUT = fetch.RULES / "places" / "world_cities.tsv"


def listed_names():
    names = set()
    for file, cols in (("china.tsv", (1, 2)), ("countries.tsv", (1,))):
        with open(fetch.RULES / "places" / file, encoding="utf-8") as f:
            next(f)
            for line in f:
                c = line.rstrip("\n").split("\t")
                for i in cols:
                    names.update(n for n in c[i].split(",") if n)
                if file == "countries.tsv" and len(c) > 2:
                    names.update(n for n in c[2].split(",") if n)
    return names


def zone_countries():
    """IANA zone id -> the Chinese name of its country."""
    names = {}
    with open(fetch.RULES / "places" / "countries.tsv", encoding="utf-8") as f:
        next(f)
        for line in f:
            c = line.rstrip("\n").split("\t")
            names[c[0]] = c[1]
    out = {}
    with open(fetch.tzdata() / "zone.tab", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            code, _, zone = line.rstrip("\n").split("\t")[:3]
            if code in names:
                out[zone] = names[code]
    return out


def zones(node, path, out):
    for key, value in node.items():
        if not isinstance(value, dict):
            continue
        if "exemplarCity" in value:
            out.append(("/".join(path + [key]), value["exemplarCity"]))
        else:
            zones(value, path + [key], out)


def main():
    with open(fetch.cldr_dates() / "main" / "zh" / "timeZoneNames.json", encoding="utf-8") as f:
        data = json.load(f)["main"]["zh"]["dates"]["timeZoneNames"]["zone"]
    found = []
    zones(data, [], found)
    listed = listed_names()
    country_of = zone_countries()
    jieba = fetch.load_jieba()
    proper = {"ns", "nr", "nrt", "nrfg", "nz", "nt"}

    def ordinary_word(name):
        freq, tag = jieba.get(name, (0, "ns"))
        return tag not in proper and freq >= 20

    seen = set()
    rows = []
    for zone, name in sorted(found):
        excluded = zone.startswith(("Etc/", "Antarctica/")) or ordinary_word(name)
        if excluded or len(name) < 2 or name in listed or name in seen:
            continue
        assert "\t" not in name and "," not in name, name
        seen.add(name)
        rows.append((zone, name, country_of.get(zone, "")))
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("zone\tname\tcountry\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
    placed = sum(1 for row in rows if row[2])
    print(f"wrote {OUT}: {len(rows)} cities, {placed} with their country", file=sys.stderr)


if __name__ == "__main__":
    main()
