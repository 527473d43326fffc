#!/usr/bin/env python3
"""Regenerate the derived actor tables shipped in ``src/harmwatch/data/actors/``.

Writes two files (both committed, so run time needs nothing from ``/work/shared``):

* ``petrarch2_actors.tsv``: the non-state armed groups of the PETRARCH-2 / Phoenix dictionaries
  (``Phoenix.MilNonState.actors.txt`` and the ISIL block of ``Phoenix.Countries.actors.txt``,
  MIT licence, Copyright (c) 2014 Open Event Data), converted to readable canonical names
  (underscores -> spaces, title case, parenthesised acronyms split off as aliases), with a
  category and country derived from the CAMEO code, person names dropped, and every group
  whose name or alias is already in ``curated_actors.tsv`` left out (the curated entry wins).
* ``countries.tsv``: ISO2, ISO3, display name and the names / nationality adjectives of each
  country, from mordecai's ``nat_df.csv`` / ``stopword_country_names.json`` (MIT, Andy
  Halterman / Caerus Associates) and GeoNames ``countryInfo.txt`` (CC BY 4.0), plus a few
  hand-made fixes (see ``COUNTRY_FIXES``).

Usage: ``python tools/build_actor_dictionary.py [--shared /work/shared]``
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "harmwatch" / "data" / "actors"
sys.path.insert(0, str(ROOT / "src"))

# words that make a PETRARCH entry an organisation rather than a person
ORG_WORDS = {
    "FRONT", "ARMY", "GROUP", "GROUPS", "ORGANIZATION", "ORGANISATION", "BRIGADE", "BRIGADES",
    "MOVEMENT", "LIBERATION", "FORCE", "FORCES", "COMMANDO", "COMMANDOS", "CELL", "CELLS", "NUCLEI",
    "NUCLEUS", "FACTION", "PARTY", "COUNCIL", "COMMITTEE", "COMMITTEES", "LEAGUE", "UNION", "MILITIA",
    "BATTALION", "REVOLUTIONARY", "RESISTANCE", "JIHAD", "ISLAMI", "ISLAMIYA", "ISLAMIYAH", "ISLAMIAH",
    "LASHKAR", "LASKAR", "JAISH", "JAYSH", "HARKAT", "HARAKAT", "HARAKUT", "MUJAHIDEEN", "MUJAHEDIN",
    "MUJAHIDEN", "TIGERS", "FEDERATION", "COMPANY", "NETWORK", "QAEDA", "QAIDA", "QAI'DAH", "KUMPULAN",
    "SOCIETY", "ALLIANCE", "COMMAND", "UNIT", "UNITS", "SQUAD", "SQUADS", "GUERRILLA", "GUERRILLAS",
    "ORGANIZATIONS", "SHINRIKYO", "AUM", "MUJAHIDIN", "FIGHTERS", "REBELS", "MILITANTS", "BATTALIONS",
}
PERSON_FIRST = {"ABU", "ABD", "ABDUL", "ABDULLAH", "MOHAMMED", "MOHAMMAD", "MUHAMMAD", "SHEIKH", "SHEIK",
                "OSAMA", "USAMA", "COMMANDER", "EMIR", "MULLAH", "MAULANA", "HAFIZ", "MR.", "HAJI"}
REGIONAL = {"MEA", "SAS", "WEU", "EEU", "INT", "KKL", "EAF", "AFR", "LAM", "SEA", "NAF", "CAS", "ASA",
            "NMR", "BUD", "WAF", "SAF", "CFR", "MUS", "KAS", "SIK", "JPN"}
SMALL = {"of", "the", "and", "in", "for", "de", "la", "del", "al", "el", "on", "to", "wa", "wal", "ul",
         "e", "i", "fi", "y", "des", "du", "des", "against", "with", "a"}

# curated fixes of the mordecai tables (ambiguous or wrong rows)
COUNTRY_FIXES = {
    "Congolese": "COD", "Northern Ireland": "GBR", "Dominican": "DOM", "Guinean": "GIN",
    "Bermudian": "BMU",
}
EXTRA_NAMES = {
    "USA": ["US", "U.S.", "U.S", "United States", "United States of America", "America", "American", "Americans"],
    "GBR": ["UK", "U.K.", "Britain", "British", "Great Britain", "United Kingdom"],
    "COD": ["DR Congo", "DRC", "Democratic Republic of the Congo", "Democratic Republic of Congo", "Congolese"],
    "CAF": ["Central African", "CAR", "Central African Republic"],
    "PSE": ["Palestinian", "Palestine", "Gazan"],
    "ISR": ["Israeli", "Israel"],
    "MMR": ["Myanmar", "Burmese", "Burma"],
    "SSD": ["South Sudanese", "South Sudan"],
    "CIV": ["Ivorian", "Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"],
    "BFA": ["Burkinabe", "Burkinabé", "Burkina", "Burkina Faso"],
    "SLV": ["Salvadoran", "Salvadorean", "El Salvador"],
    "AFG": ["Afghan", "Afghanistan"],
    "NGA": ["Nigerian", "Nigeria"],
    "NER": ["Nigerien", "Niger"],
    "RUS": ["Russian", "Russia", "Russian Federation"],
    "SYR": ["Syrian", "Syria", "Syrian Arab"],
    "TUR": ["Turkish", "Turkey", "Türkiye"],
    "YEM": ["Yemeni", "Yemen"],
    "KOR": ["South Korean", "South Korea"],
    "PRK": ["North Korean", "North Korea"],
    "ARE": ["Emirati", "UAE", "United Arab Emirates"],
    "SAU": ["Saudi", "Saudi Arabian", "Saudi Arabia"],
    "MOZ": ["Mozambican", "Mozambique"],
}
DISPLAY = {  # display names used in "Military Forces of <X>" (ACLED style)
    "USA": "the United States", "GBR": "the United Kingdom", "COD": "Democratic Republic of Congo",
    "COG": "Republic of Congo", "CAF": "Central African Republic", "PSE": "Palestine",
    "PHL": "the Philippines", "NLD": "the Netherlands", "ARE": "the United Arab Emirates",
    "KOR": "South Korea", "PRK": "North Korea", "CIV": "Ivory Coast", "MMR": "Myanmar",
    "RUS": "Russia", "IRN": "Iran", "SYR": "Syria", "LAO": "Laos", "VNM": "Vietnam",
    "BOL": "Bolivia", "VEN": "Venezuela", "TZA": "Tanzania", "MDA": "Moldova", "MKD": "North Macedonia",
    "CZE": "Czech Republic", "GMB": "Gambia", "BHS": "Bahamas", "TUR": "Turkey", "SWZ": "eSwatini",
}


def _title(words: list[str]) -> str:
    out = []
    for i, w in enumerate(words):
        lw = w.lower()
        parts = lw.split("-")
        if i > 0 and lw in SMALL:
            out.append(lw)
        elif lw in {"al", "el"} and i == 0:
            out.append(lw)
        else:
            out.append("-".join(p if p in SMALL and len(parts) > 1 else p[:1].upper() + p[1:] for p in parts))
    name = " ".join(out)
    return re.sub(r"'S\b", "'s", name)


def _clean(raw: str) -> tuple[str, list[str]]:
    """``BASQUE_FATHERLAND_AND_FREEDOM_(ETA)_`` -> ("Basque Fatherland and Freedom", ["ETA"])."""
    acr = re.findall(r"\(([A-Z][A-Z0-9\-]{1,9})\)", raw)
    s = re.sub(r"\([^)]*\)", " ", raw)
    s = s.replace("+", " ").replace("_", " ")
    words = s.split()
    if len(words) == 1 and len(words[0]) <= 5 and words[0].isalpha():
        return words[0].upper(), acr  # short single token: an acronym ("GAM", "FPS")
    return _title(words), acr


TRAILING = {"organization", "organisation", "group", "network", "movement", "brigades", "front", "army"}
MONTHS = set("january february march april may june july august september october november december".split())
COMMON = set(
    "resistance revolution revolutionary revolutionaries army front group movement people popular national "
    "liberation socialists socialist communists communist anarchists anarchist the of and in for party "
    "youth students workers union organization organisation committee action struggle forces force "
    "brigade brigades cells cell nuclei guerrilla guerrillas militia fighters defenders patriots "
    "nationalists freedom justice democratic democracy islamic muslim christian jewish arab".split())


def _too_generic(alias: str, nat_words: set[str]) -> bool:
    """Dates, numbers and phrases of only common words ("Palestinian Resistance") are not names."""
    toks = [t.lower() for t in re.findall(r"[\w']+", alias)]
    if not toks or any(t.isdigit() for t in toks) or any(t in MONTHS for t in toks):
        return True
    rest = [t for t in toks if t not in nat_words and t.rstrip("'s") not in nat_words]
    return all(t in COMMON for t in rest)


def _is_person(raw: str) -> bool:
    toks = set(re.split(r"[_\s\-]+", raw.upper()))
    if toks & ORG_WORDS:
        return False
    first = re.split(r"[_\s]+", raw.upper().strip("_+ "))[0]
    return raw.rstrip().endswith("__") or first in PERSON_FIRST


def _category(code: str) -> tuple[str, str | None, bool]:
    """CAMEO code -> (category, ISO3 or None, transnational)."""
    code = code.strip("[]~ ").split()[0]
    if code.startswith("IMG"):
        return "rebel group", None, True
    if code.endswith("UAF") or code == "UAF":
        return "unidentified armed group", None, False
    country = code[:3]
    return "rebel group", (None if country in REGIONAL else country), country in {"INT", "KKL"}


def parse_petrarch(path: Path, start: int = 0, stop: int | None = None) -> list[dict]:
    """Parse a PETRARCH actor file into blocks ``{raw_names, code}``."""
    lines = path.read_text(encoding="latin-1").splitlines()[start:stop]
    blocks: list[dict] = []
    cur: dict | None = None
    for line in lines:
        body = line.split("#", 1)[0].rstrip()
        if not body.strip():
            continue
        if body.startswith("+"):
            if cur is not None:
                cur["names"].extend(n for n in body[1:].split("+") if n.strip())
            continue
        if body[0] in " \t":
            m = re.search(r"\[([A-Z~]+)", body)
            if cur is not None and m and not cur["code"]:
                cur["code"] = m.group(1)
            continue
        m = re.match(r"(.+?)\s*\[([^\]]+)\]", body)
        name = (m.group(1) if m else body).strip()
        code = m.group(2).split()[0] if m else ""
        cur = {"names": [name], "code": code}
        blocks.append(cur)
    return blocks


def build(shared: Path) -> None:
    from harmwatch.extract.actors.dictionary import _alias_key, _load_curated, _tokenize_alias

    pdir = shared / "data" / "actors" / "petrarch2"
    iso3_to_iso2, names = build_countries(shared)

    nat_words = {n.lower() for ns in names.values() for n in ns}
    curated = _load_curated()
    taken = {_alias_key(_tokenize_alias(a)) for e in curated for a in e["aliases"]}
    taken |= {_alias_key(_tokenize_alias(e["name"])) for e in curated}

    blocks = parse_petrarch(pdir / "Phoenix.MilNonState.actors.txt")
    ctext = (pdir / "Phoenix.Countries.actors.txt").read_text(encoding="latin-1").splitlines()
    s = next(i for i, l in enumerate(ctext) if l.startswith("ISLAMIC_STATE_OF_IRAQ_AND_THE_LEVANT_"))
    e = next(i for i, l in enumerate(ctext) if l.startswith("TAIWAN_"))
    isil = parse_petrarch(pdir / "Phoenix.Countries.actors.txt", s, e)
    for b in isil:
        b["code"] = b["code"] or "IMGMUSISI"
    rows: dict[str, dict] = {}
    for b in blocks + isil:
        if not b["code"]:
            continue
        raw_names = [n for n in b["names"] if not _is_person(n)]
        if not raw_names:
            continue
        cat, iso3, trans = _category(b["code"])
        head, acr = _clean(raw_names[0])
        aliases: list[str] = [head] + acr
        for n in raw_names[1:]:
            nm, a2 = _clean(n)
            aliases.append(nm)
            aliases.extend(a2)
        aliases = [a for a in dict.fromkeys(aliases)
                   if a and not (a.isupper() and len(a) < 3) and not _too_generic(a, nat_words)
                   and not (set(a.upper().replace("-", " ").split()) & {"BIN", "IBN", "BINTI"})]
        if not aliases:
            continue
        keys = {_alias_key(_tokenize_alias(a)) for a in aliases}
        stripped = {k[:-1] for k in keys if len(k) > 1 and k[-1] in TRAILING}
        if (keys | stripped) & taken:
            continue  # curated wins
        rid = "p2_" + re.sub(r"[^a-z0-9]+", "_", head.lower()).strip("_")
        if rid in rows:  # duplicate heads: merge aliases
            rows[rid]["aliases"].extend(a for a in aliases if a not in rows[rid]["aliases"])
            continue
        rows[rid] = {"id": rid, "name": head, "category": cat,
                     "country": iso3_to_iso2.get(iso3 or "", ""), "aliases": aliases,
                     "code": b["code"] + ("|transnational" if trans else "")}
        taken |= keys
    with open(OUT / "petrarch2_actors.tsv", "w", encoding="utf-8", newline="") as fh:
        fh.write("# generated by tools/build_actor_dictionary.py from openeventdata/petrarch2 @676801cd "
                 "(MIT, Copyright (c) 2014 Open Event Data); do not edit by hand\n")
        fh.write("# id\tname\tcategory\tcountry\taliases\tcameo_code\n")
        for r in sorted(rows.values(), key=lambda r: r["id"]):
            fh.write("\t".join([r["id"], r["name"], r["category"], r["country"], "|".join(r["aliases"]), r["code"]]) + "\n")
    print(f"petrarch2_actors.tsv: {len(rows)} groups")


def build_countries(shared: Path) -> tuple[dict[str, str], dict]:
    g = shared / "data" / "gazetteer"
    info = {}
    for line in (g / "geonames" / "countryInfo.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        f = line.split("\t")
        info[f[1]] = (f[0], f[4])
    iso3_to_iso2 = {k: v[0] for k, v in info.items()}
    names: dict[str, list[str]] = {k: [v[1]] for k, v in info.items()}
    with open(g / "mordecai" / "nationality_to_iso3.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            nat, iso3 = row["nationality"].strip(), (row["alpha_3_code"] or "").strip()
            if not iso3 and re.search(r"[a-z][A-Z]{3}$", nat):  # "BermudianBMU" (broken row)
                nat, iso3 = nat[:-3], nat[-3:]
            iso3 = COUNTRY_FIXES.get(nat, iso3)
            names.setdefault(iso3, []).append(nat)
    for n, iso3 in json.loads((g / "mordecai" / "country_names_to_iso3.json").read_text(encoding="utf-8")).items():
        n = n.replace("_", " ")
        iso3 = COUNTRY_FIXES.get(n, iso3)
        if iso3 in info:
            names.setdefault(iso3, []).append(n)
    for iso3, extra in EXTRA_NAMES.items():
        names.setdefault(iso3, []).extend(extra)
    # an adjective claimed by two countries stays with the first fixed / listed one
    seen: dict[str, str] = {}
    with open(OUT / "countries.tsv", "w", encoding="utf-8", newline="") as fh:
        fh.write("# generated by tools/build_actor_dictionary.py from mordecai nat_df.csv / stopword_country_names.json "
                 "(MIT) and GeoNames countryInfo.txt (CC BY 4.0); do not edit by hand\n")
        fh.write("# iso2\tiso3\tdisplay name\tnames and nationality adjectives (|)\n")
        order = sorted(names, key=lambda k: (k not in EXTRA_NAMES, k))
        rows = []
        for iso3 in order:
            if iso3 not in info:
                continue
            keep = []
            for n in dict.fromkeys(names[iso3]):
                k = n.lower()
                if k in seen or len(n) < 2:
                    continue
                seen[k] = iso3
                keep.append(n)
            rows.append((info[iso3][0], iso3, DISPLAY.get(iso3, info[iso3][1]), keep))
        for r in sorted(rows):
            fh.write("\t".join([r[0], r[1], r[2], "|".join(r[3])]) + "\n")
    print(f"countries.tsv: {len(rows)} countries")
    return iso3_to_iso2, names


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    build(ap.parse_args().shared)


if __name__ == "__main__":
    main()
