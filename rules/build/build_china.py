#!/usr/bin/env python3
"""Generate rules/places/china.tsv from cpca's adcodes.csv (GB/T 2260 codes).

Output columns (tab-separated, header first, sorted by code):
    code  name  short  level  parent_code
level is province | prefecture | county. Placeholder rows (市辖区, 县,
省/自治区直辖县级行政区划) are dropped; the counties under them get the province
as parent. `short` is the conventional short form, or empty when it would be
ambiguous (see short_county).
"""
import collections
import csv
import sys

import fetch

OUT = fetch.RULES / "places" / "china.tsv"
OVERRIDES = fetch.RULES / "build" / "county_short_overrides.tsv"

# jieba POS tags of names; any other tag marks an ordinary word.
NAME_TAGS = {"nr", "nrt", "nrfg", "nz", "ns"}
COMMON_WORD_MIN_FREQ = 20   # ordinary-word tag at or above this frequency: ambiguous
NAME_WORD_MIN_FREQ = 200    # nr/nz tag at or above this frequency: ambiguous (和平, 红旗)

PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}

# Province-level short forms: conventional, written out rather than derived.
PROVINCE_SHORT = {
    "北京市": "北京", "天津市": "天津", "上海市": "上海", "重庆市": "重庆",
    "河北省": "河北", "山西省": "山西", "辽宁省": "辽宁", "吉林省": "吉林",
    "黑龙江省": "黑龙江", "江苏省": "江苏", "浙江省": "浙江", "安徽省": "安徽",
    "福建省": "福建", "江西省": "江西", "山东省": "山东", "河南省": "河南",
    "湖北省": "湖北", "湖南省": "湖南", "广东省": "广东", "海南省": "海南",
    "四川省": "四川", "贵州省": "贵州", "云南省": "云南", "陕西省": "陕西",
    "甘肃省": "甘肃", "青海省": "青海", "台湾省": "台湾",
    "内蒙古自治区": "内蒙古", "广西壮族自治区": "广西", "西藏自治区": "西藏",
    "宁夏回族自治区": "宁夏", "新疆维吾尔自治区": "新疆",
    "香港特别行政区": "香港", "澳门特别行政区": "澳门",
}

# Province-level units that must be present (added if the data lacks them).
SAR_AND_TAIWAN = {"810000": "香港特别行政区", "820000": "澳门特别行政区", "710000": "台湾省"}

# Suffixes of prefecture- and county-level names, longest first.
PREF_SUFFIXES = ["自治州", "地区", "盟", "市"]
COUNTY_SUFFIXES = ["自治县", "自治旗", "林区", "特区", "新区", "矿区", "区", "县", "市", "旗"]


def load_nations():
    path = fetch.cpca() / "cpca" / "resources" / "56_nations.csv"
    with open(path, encoding="utf-8") as f:
        names = [l.strip() for l in f if l.strip()]
    # Autonomous-unit names use the name with or without 族 (蒙古, 柯尔克孜, 哈萨克).
    forms = set(names) | {n[:-1] for n in names if n.endswith("族") and len(n) > 2}
    return names, sorted(forms, key=len, reverse=True)


def strip_ethnic(stem, ethnic_forms):
    """延边朝鲜族 -> 延边; 黔东南苗族侗族 -> 黔东南; 博尔塔拉蒙古 -> 博尔塔拉."""
    changed = True
    while changed:
        changed = False
        for e in ethnic_forms:
            if stem.endswith(e) and len(stem) > len(e):
                stem = stem[: -len(e)]
                changed = True
                break
    return stem


def strip_suffix(name, suffixes, ethnic_forms):
    for suf in suffixes:
        if name.endswith(suf) and len(name) > len(suf):
            stem = name[: -len(suf)]
            if suf.startswith("自治"):
                stem = strip_ethnic(stem, ethnic_forms)
            return stem
    return ""


def load_overrides():
    out = {}
    for line in fetch.read_list(OVERRIDES):
        short, action = line.split("\t")
        assert action in ("keep", "drop"), line
        assert short not in out, f"duplicate override {short}"
        out[short] = action
    return out


def main():
    nations, ethnic_forms = load_nations()
    jieba = fetch.load_jieba()
    src = fetch.cpca() / "cpca" / "resources" / "adcodes.csv"
    with open(src, encoding="utf-8") as f:
        raw = {r["adcode"][:6]: r["name"].strip() for r in csv.DictReader(f)}
    for code, name in SAR_AND_TAIWAN.items():
        if code not in raw:
            print(f"adding missing {name} ({code})", file=sys.stderr)
            raw[code] = name

    units = {}
    for code, name in raw.items():
        if name in PLACEHOLDERS:
            continue
        if code[2:] == "0000":
            level = "province"
        elif code[4:] == "00":
            level = "prefecture"
        else:
            level = "county"
        units[code] = {"code": code, "name": name, "level": level}

    for u in units.values():
        code = u["code"]
        if u["level"] == "province":
            u["parent"] = ""
        elif u["level"] == "prefecture":
            u["parent"] = code[:2] + "0000"
        else:
            pref = code[:4] + "00"
            u["parent"] = pref if pref in units else code[:2] + "0000"
        assert u["parent"] == "" or u["parent"] in units, u

    # Short forms.
    for u in units.values():
        if u["level"] == "province":
            u["short"] = PROVINCE_SHORT[u["name"]]
        elif u["level"] == "prefecture":
            u["short"] = strip_suffix(u["name"], PREF_SUFFIXES, ethnic_forms)
        else:
            u["short"] = strip_suffix(u["name"], COUNTY_SUFFIXES, ethnic_forms)
        if len(u["short"]) < 2:
            u["short"] = ""

    # Ambiguity: provinces keep their short forms; a prefecture loses its short
    # form only when it equals a province's (吉林市, 海南藏族自治州); a county
    # loses it when it equals any other unit's full or short name, an ethnic
    # group's name, or a jieba word not tagged as a place name (ns).
    province_shorts = {u["short"] for u in units.values() if u["level"] == "province"}
    occurrences = collections.Counter()
    for u in units.values():
        occurrences[u["name"]] += 1
        if u["short"]:
            occurrences[u["short"]] += 1
    nation_forms = set(ethnic_forms)
    overrides = load_overrides()
    used = set()
    dropped = collections.defaultdict(list)
    for u in units.values():
        s = u["short"]
        if not s:
            continue
        if u["level"] == "prefecture":
            if s in province_shorts:
                dropped["equals a province short form"].append(u["name"])
                u["short"] = ""
        elif u["level"] == "county":
            if occurrences[s] > 1:
                dropped["shared with another unit"].append(u["name"])
                u["short"] = ""
            elif s in nation_forms:
                dropped["ethnic group name"].append(u["name"])
                u["short"] = ""
            elif overrides.get(s) == "drop":
                dropped["hand-made drop"].append(u["name"])
                u["short"] = ""
            elif overrides.get(s) == "keep":
                used.add(s)
            elif s in jieba:
                freq, tag = jieba[s]
                if tag in NAME_TAGS:
                    common = tag != "ns" and freq >= NAME_WORD_MIN_FREQ
                else:
                    common = freq >= COMMON_WORD_MIN_FREQ
                if common:
                    dropped["common word in jieba"].append(f"{u['name']}({tag}/{freq})")
                    u["short"] = ""
            if s in overrides:
                used.add(s)
    unused = sorted(set(overrides) - used)
    if unused:
        print(f"warning: overrides matching no unique county short form: {' '.join(unused)}", file=sys.stderr)

    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("code\tname\tshort\tlevel\tparent_code\n")
        for code in sorted(units):
            u = units[code]
            f.write(f"{code}\t{u['name']}\t{u['short']}\t{u['level']}\t{u['parent']}\n")

    levels = collections.Counter(u["level"] for u in units.values())
    print(f"wrote {OUT}: {len(units)} units {dict(levels)}", file=sys.stderr)
    for why, names in dropped.items():
        print(f"short form emptied ({why}): {len(names)}", file=sys.stderr)
        if "-v" in sys.argv:
            print("  " + " ".join(names), file=sys.stderr)


if __name__ == "__main__":
    main()
