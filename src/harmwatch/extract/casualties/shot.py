"""How many were hit by gunfire: "five people were shot", "gunmen shot six people", "four were
shot, one fatally".

"Shot" alone says neither killed nor wounded (``claims`` gives no figure for it), but it says how
many were hit. An incident that names no wounded and says that six were shot, one of them killed,
had five wounded: the assembler derives the injured figure from the number hit and the number
killed (``injured_from_shot``), with the evidence of both, and marks how it was derived. A rider
"one fatally" / "two of them fatally" is itself a killed claim.

A count before "shot" is the number hit only in the passive ("were shot", "was shot", reduced:
"two teens shot on a porch"); in the active ("two gunmen shot a guard") it counts the shooters, and
the count after the verb is the one hit ("shot six people"). "Shot at" (fired on, not hit), "shot
dead" / "shot and killed" / "fatally shot" (the killed grammar's) and "shot down" give no count.
"""

from __future__ import annotations

import re

from harmwatch.extract.casualties.numbers import NumberPhrase, find_numbers
from harmwatch.types import CasualtyClaim

__all__ = ["find_shot_counts", "injured_from_shot"]

#: words that may stand between a count and "were shot": the victims ("five children", "two
#: 17-year-old boys"), never a verb, a clause word or a casualty word
_VICTIM_WORD = (
    r"(?!(?:and|or|but|who|which|that|were|was|is|are|have|has|had|been|police|officers?\s+said|said|"
    r"killed|dead|died|wounded|injured|hurt|shot|in|at|on|of|by|from|after|before|when|while)\b)"
    r"[\w'’-]+"
)
#: an aside between the victims and the verb: "Four welders – ages 30 to 41 – were shot",
#: "two cooks, 19 and 22, were shot"
_ASIDE = r"(?:\s*(?:,|[-–—])\s*[^,.;:–—]{1,40}?\s*(?:,|[-–—]))?"
_PASSIVE = re.compile(
    rf"(?P<victim>(?:\s+{_VICTIM_WORD}){{0,5}}?){_ASIDE}"
    r"\s+(?:(?:were|was|have\s+been|has\s+been|had\s+been|got|being)\s+)?"
    r"(?:(?:all|also|reportedly|allegedly|each|both|apparently|later|then|accidentally|critically|"
    r"seriously|badly|multiple\s+times|twice)\s+){0,2}"
    r"(?<!fatally )(?<!mortally )(?P<trig>shot\b"
    r"(?!\s+(?:at|dead|down|to\s+death|and\s+killed|and\s+fatally|and\s+later\s+died|themselves)\b)"
    r"|(?:hit|struck)\s+by\s+(?:a\s+)?(?:stray\s+)?(?:gunfire|bullets?)\b)",
    re.IGNORECASE,
)
# the active voice with its object: a determiner or pronoun right after "shot" means the count
# before it is the shooters
_OBJECT_AFTER = re.compile(
    r"\s+(?:(?:the|a|an|his|her|their|its|him|them|us|me|one|two|three|four|five|six|seven|eight|nine|ten)\b|\d)",
    re.IGNORECASE,
)
_ACTIVE = re.compile(r"\bshot\s+(?:and\s+wounded\s+)?$", re.IGNORECASE)
_ACTIVE_OBJECT = re.compile(
    rf"(?P<victim>(?:\s+{_VICTIM_WORD}){{1,4}}?)(?=\s|[,.;:]|$)", re.IGNORECASE
)
_PEOPLE = re.compile(
    r"(?:people|persons|men|women|teens?|teenagers|children|kids|boys|girls|victims|adults|others|"
    r"officers|students|customers|partygoers|residents|bystanders|individuals)\b",
    re.IGNORECASE,
)
#: ", one fatally", ", two of them fatally", ", both fatally"
_FATALLY = re.compile(
    r"[^.;:]{0,60}?,\s*(?P<n>one|two|three|four|five|six|seven|eight|nine|ten|both|all|\d{1,2})"
    r"(?:\s+of\s+them)?\s+(?:fatally|mortally)\b",
    re.IGNORECASE,
)
_N = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
      "ten": 10}
_SINGLE = re.compile(r"\b(?:an?)\s+$", re.IGNORECASE)  # "a 16-year-old cadet was shot"


def _count(n: NumberPhrase) -> bool:
    return n.best is not None and not n.vague and n.min == n.best == n.max and 0 < n.best < 1000


def find_shot_counts(text: str, start: int = 0, end: int | None = None) -> list[CasualtyClaim]:
    """Claims in ``text[start:end]`` of kind ``"shot"`` (how many were hit) and ``"killed"`` (the
    "one fatally" rider), in text order."""
    if end is None:
        end = len(text)
    low = text[start:end].lower()
    if "shot" not in low and " by " not in low:
        return []
    out: list[CasualtyClaim] = []
    nums = [n for n in find_numbers(text, start, end) if _count(n)]
    # a lone article is a count of one: "A 16-year-old cadet was shot"
    heads = [(n.span, n.text, n.best) for n in nums]
    for m in re.finditer(r"\b(?:an?)\b", text[start:end], re.IGNORECASE):
        s = start + m.start()
        if not any(a <= s < b for (a, b), _, _ in heads):
            heads.append(((s, start + m.end()), m.group(0), 1))
    heads.sort()
    for (s, e), words, value in heads:
        pm = _PASSIVE.match(text, e, end)
        if pm is None:
            continue
        victim = pm.group("victim").strip()
        if words.lower() in ("a", "an") and not victim:
            continue
        te = pm.end("trig")
        if re.match(r"\s+(?:him|her)self\b", text[te:end], re.I) and value != 1:
            continue
        if _OBJECT_AFTER.match(text, te, end) and not re.search(r"\b(?:were|was|been|got|being)\s", pm.group(0), re.I):
            continue  # "two gunmen shot a guard": the count is the shooters
        if re.search(r"\b(?:was|has\s+been|got)\b", pm.group(0), re.I) and value != 1:
            continue  # "two, the man was shot": the count is not the subject of a singular verb
        out.append(_claim("shot", value, words, (s, e), pm.span("trig"), victim or None))
        fm = _FATALLY.match(text, te, end)
        if fm:
            k = fm.group("n").lower()
            died = value if k in ("both", "all") else _N.get(k) or (int(k) if k.isdigit() else None)
            if died is not None and died <= value:
                out.append(_claim("killed", died, fm.group("n"), fm.span("n"),
                                  (fm.end("n"), fm.end()), victim or None))
    # active voice: "gunmen shot six people"
    for n in nums:
        s, e = n.span
        if not _ACTIVE.search(text, max(start, s - 24), s):
            continue
        om = _ACTIVE_OBJECT.match(text, e, end)
        if om is None or not _PEOPLE.search(om.group("victim")):
            continue
        trig = text.rfind("shot", max(start, s - 24), s)
        out.append(_claim("shot", n.best, n.text, (s, e), (trig, trig + 4), om.group("victim").strip()))
    out.sort(key=lambda c: c.evidence[0])
    return out


def _claim(kind: str, value: int, words: str, num: tuple[int, int], trig: tuple[int, int],
           victim: str | None) -> CasualtyClaim:
    return CasualtyClaim(kind=kind, min=value, best=value, max=value, qualifier=None, text=words,
                         evidence=(num, trig), victim_text=victim)


def injured_from_shot(shot: list[CasualtyClaim], killed_best: int | None,
                      killed_evidence: list[list[int]] | None = None) -> CasualtyClaim | None:
    """The wounded of an incident that names none: the most hit less the killed ("six were shot,
    one died": five wounded), or None when no more were hit than died."""
    if not shot:
        return None
    top = max(shot, key=lambda c: (c.best or 0, -c.evidence[0][0]))
    dead = killed_best or 0
    if top.best is None or top.best <= dead:
        return None
    n = top.best - dead
    # the number hit first (the figure's own words, as every claim's evidence starts), then the killed
    evidence = tuple(top.evidence) + tuple(t for t in (tuple(s) for s in (killed_evidence or []))
                                           if t not in top.evidence)
    qualifier = f"{top.best} shot, {dead} killed" if dead else "shot, none reported killed"
    return CasualtyClaim(kind="injured", min=n, best=n, max=n, qualifier=qualifier, text=top.text,
                         evidence=evidence, victim_text=top.victim_text)
