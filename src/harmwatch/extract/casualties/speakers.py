"""Who said a sentence: source attribution for claims ("according to whom").

``attribute(text, sentences, index)`` returns ``(speaker, evidence_spans)`` for the
sentence ``sentences[index]`` or None when the text states no source (never a guess).

Patterns, in order of preference:
1. a quote closed in this sentence (or a quote opened in this sentence and closed in a
   later one of the same paragraph) followed by ``he said`` / ``said X`` / ``X added``;
2. ``according to X``, ``reported by X``;
3. ``..., X said/told/added/claimed/stated/reported/announced/confirmed`` and
   ``X told Y`` anywhere in the sentence (the subject right before the verb);
4. ``said X`` after a comma or quote ("said Ninawa provincial council member Abdul
   Rahman al-Wakaa");
5. ``X described ... as``.
6. (optional) a fully quoted sentence with no attribution between two quotes by the
   same speaker (short headings in between are skipped) inherits that speaker.

A speaker is a person name (capitalised words; particles al-, bin, de, van, ... and
titles like Brig. Gen. allowed) with an optional role before it ("Ninawa provincial
council member"), or a source noun phrase ending in a source word ("Iraqi officials",
"the police", "MEDICAL SOURCES", "THE ATONAL BATTALION"). In ALL-CAPS text (MUC)
capitalisation says nothing, so only source noun phrases and ``according to`` are
accepted there (precision over recall). he/she resolve to the most recent named
person who spoke in an earlier sentence, they to the most recent plural source. A
person is returned with the fullest form of the name found earlier in the document and
its role: "Banyan al-Jarba (Ninawa provincial council member)". Evidence spans cover
the words of the speaker (the pronoun, then the name and role mentions it resolved to).
"""

from __future__ import annotations

import re

from harmwatch.extract.fastmatch import led
from harmwatch.extract.lexicon import is_caps
from harmwatch.types import Span

__all__ = ["attribute"]

_PARTICLE = r"(?:al|el|ad|as|an|ash|at|az|bin|ibn|abu|bint|de|del|della|der|des|di|da|du|dos|van|von|la|le|st\.?)"
_TITLE = r"(?:(?:Brig|Gen|Col|Lt|Maj|Capt|Cpt|Sgt|Cpl|Adm|Dr|Mr|Mrs|Ms|Prof|Rev|Sen|Rep|Gov|Pres|Insp|Supt|Cmdr|Cdr)\.?\s+)"
_CAPW = r"(?:[A-Z][a-zA-Z'’]*(?:-[A-Za-z][a-zA-Z'’]*)*|[A-Z]\.)"
_NAME = rf"(?:{_TITLE}*(?:{_PARTICLE}[-\s])?{_CAPW}(?:\s+(?:{_PARTICLE}[-\s])?{_CAPW}){{0,4}})"
_ROLE_HEAD = (r"(?:member|spokesman|spokeswoman|spokesperson|official|officer|commander|chief|head|"
              r"director|minister|governor|mayor|president|leader|secretary|general|colonel|"
              r"captain|lieutenant|sergeant|superintendent|inspector|adviser|advisor|deputy|"
              r"representative|ambassador|analyst|researcher|witness|resident|journalist|"
              r"correspondent|doctor|chairman|chairwoman|councillor|councilor|mp|senator|"
              r"prosecutor|judge|attorney|coordinator|manager|activist|priest|archbishop|bishop)")
_SOURCE_HEAD = (r"(?:officials?|police|policemen|spokesm[ae]n|spokeswoman|spokesperson|sources?|"
                r"witness(?:es)?|residents?|ministry|army|military|authorities|government|"
                r"statement|report|agency|agencies|command|battalion|brigade|garrison|forces|"
                r"troops|doctors|hospital|officers?|commanders?|medics|paramedics|rescuers|"
                r"media|radio|television|newspaper|committee|council|office|embassy|department|"
                r"group|organization|organisation|coalition|isaf|un|mission|survivors|"
                r"relatives|activists|observatory|monitor|members?|channel|station|bulletin|"
                r"communique|communiqué|leaders?|unit|detachment|headquarters)")
# present-tense forms that double as plural nouns ("reports", "claims", "states") are left out
_SAY = r"(?:said|says|told|tells|added|adds|claimed|stated|announced|announces|confirmed|confirms|noted|explained|insisted|warned|reported|declared|asserted|indicated|revealed)"
_PRON = r"(?:he|she|they)"

_QUOTE_CHARS = "\"“”"
# after a closing quote: '," he said.' / '," said X.' / '," X said.'
_AFTER_QUOTE = re.compile(
    rf"[,.!?]?\s*[\"”]\s*,?\s*(?:(?P<pron>{_PRON})\s+(?:also\s+)?{_SAY}\b"
    rf"|{_SAY}\s+(?P<post>[^.,;\"“”]{{2,120}}?)\s*(?:[.,;]|$)"
    rf"|(?P<pre>[^.,;\"“”]{{2,120}}?)\s+(?:also\s+)?{_SAY}\b)",
    re.I,
)
_ACCORDING = re.compile(
    r"\b(?:according\s+to|reported\s+by|quoted\s+by|cited\s+by|citing)\s+(?P<x>[^.,;:\"“”()\[\]]{2,120}?)\s*(?=[.,;:\"“”()\[\]]|\s+(?:on|in|at|as|who|which|that|when|after|while)\b|$)",
    re.I,
)
_SUBJ_VERB = re.compile(
    rf"(?:^|[,;:\"“”(]\s*|\bthat\s+|\band\s+|\bbut\s+)(?P<x>[^,;:\"“”()]{{2,120}}?)\s+(?:(?:also|later|previously|earlier|on\s+\w+day)\s+)?"
    rf"(?:has\s+|have\s+|had\s+)?(?P<v>{_SAY}|described|said\s+in\s+a\s+statement)\b",
    re.I,
)
_SAID_X = re.compile(
    rf"(?:[,\"”]\s*|^)(?:{_SAY})\s+(?P<x>[^.,;:\"“”]{{2,120}}?)\s*(?=[.,;:\"“”]|$)",
    re.I,
)
_APPOS = re.compile(
    rf"(?<![\w-])(?P<name>{_NAME}),\s+(?P<role>(?:an?\s+|the\s+)?[a-z][\w'’-]*(?:\s+[\w'’.-]+){{0,8}}?),\s+(?:also\s+)?{_SAY}\b"
)
_DESCRIBED = re.compile(rf"(?P<x>{_NAME})\s+described\b[^.]*?\bas\b")
_PRON_RE = re.compile(rf"\b{_PRON}\b", re.I)
_DET = re.compile(r"(?:the|a|an|these|those)\s+", re.I)
_NAME_END = re.compile(rf"(?P<name>{_NAME})$")
_ROLE_BEFORE = re.compile(
    rf"(?P<role>(?:(?:[A-Z][\w'’-]*|of|the|and|for)\s+){{0,5}}(?:[a-z][\w'-]*\s+){{0,3}}{_ROLE_HEAD}s?)\s+$"
)
_SOURCE_NP = re.compile(
    rf"^(?:(?:the|a|an|that|this|its|their|his|her)\s+)?(?:[\w'’.-]+\s+){{0,5}}?{_SOURCE_HEAD}(?:\s+(?:of|for|in)\s+[\w'’.\s-]{{1,40}})?$",
    re.I,
)
_BAD_SUBJ = re.compile(r"^(?:it|this|that|there|which|who|what|i|we|you)$", re.I)
_PLURAL_SOURCE = re.compile(r"(?:s|police|military|authorities|media)$", re.I)


_CLOSING_QUOTE = re.compile("[\"”]")  # where a quote may close (scanned by the regex engine, not per character)


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and not text[s].isalnum():
        s += 1
    while e > s and not (text[e - 1].isalnum() or text[e - 1] in ".'’"):
        e -= 1
    m = _DET.match(text, s, e)
    if m and e - m.end() > 2:
        s = m.end()
    return s, e


class _Speaker:
    __slots__ = ("name", "spans", "person", "pronoun")

    def __init__(self, name: str, spans: tuple[Span, ...], person: bool, pronoun: str | None = None):
        self.name, self.spans, self.person, self.pronoun = name, spans, person, pronoun


def _np(text: str, s: int, e: int, caps: bool) -> _Speaker | None:
    """Read a speaker from text[s:e]: a pronoun, a (role +) name, or a source NP."""
    s, e = _strip(text, s, e)
    if e - s < 2:
        return None
    raw = text[s:e]
    if _PRON_RE.fullmatch(raw):
        return _Speaker(raw, ((s, e),), False, raw.lower())
    if _BAD_SUBJ.match(raw) or len(raw.split()) > 9:
        return None
    if not caps:
        m = _NAME_END.search(raw)
        if m and m.start("name") > 0 and raw[m.start("name") - 1] not in " ":
            m = None
        if m and re.search(r"[A-Z]", m.group("name").split()[-1]):
            ns, ne = s + m.start("name"), e
            name = text[ns:ne]
            before = text[s:ns]
            role = None
            rm = _ROLE_BEFORE.search(before) if before.strip() else None
            if rm:
                rs, re_ = s + rm.start("role"), s + rm.end("role")
                role = (rs, re_)
            if _SOURCE_NP.match(raw) and not rm and (" " in name or not name.istitle()):
                pass
            # a capitalised phrase that is really an organisation/source ("Iraqi officials")
            if not _SOURCE_NP.match(name) or rm:
                if role:
                    return _Speaker(f"{name} ({text[role[0]:role[1]]})", ((ns, ne), role), True)
                if before.strip() and not _SOURCE_NP.match(raw):
                    return None
                return _Speaker(name, ((ns, ne),), True)
    if _SOURCE_NP.match(raw):
        return _Speaker(raw, ((s, e),), False)
    return None


def _quote_balance(text: str, s: int, e: int) -> int:
    return sum(1 for c in text[s:e] if c in _QUOTE_CHARS)


def _direct(text: str, sentences: list[tuple[int, int]], index: int) -> _Speaker | None:
    """Speaker stated in the sentence itself (or its quote continuation)."""
    s0, e0 = sentences[index]
    caps = is_caps(text[s0:e0])
    # 1. quote closed here, or opened here and closed in a later sentence of the paragraph
    k = index
    opened = text[s0:e0].lstrip()[:1] in ("\"", "“")
    if opened and _quote_balance(text, s0, e0) % 2 == 1:
        while k + 1 < len(sentences) and "\n" not in text[sentences[k][1]:sentences[k + 1][0]]:
            k += 1
            if _quote_balance(text, *sentences[k]) % 2 == 1:
                break
        else:
            k = index
    ks, ke = sentences[k]
    for q in _CLOSING_QUOTE.finditer(text, ks, ke):
        qpos = q.start()
        m = _AFTER_QUOTE.match(text, max(qpos - 1, ks), ke)
        if m is None:
            continue
        if m.group("pron"):
            return _Speaker(m.group("pron"), (m.span("pron"),), False, m.group("pron").lower())
        g = "post" if m.group("post") else "pre"
        sp = _np(text, m.start(g), m.end(g), caps)
        if sp:
            return sp
    # 2. according to X / reported by X
    for m in _ACCORDING.finditer(text, s0, e0):
        sp = _np(text, m.start("x"), m.end("x"), False if not caps else True)
        if sp is None and not caps:
            xs, xe = _strip(text, m.start("x"), m.end("x"))
            if xe - xs > 1 and len(text[xs:xe].split()) <= 6:
                sp = _Speaker(text[xs:xe], ((xs, xe),), text[xs:xs + 1].isupper())
        if sp:
            return sp
    # 3a. "Abdurrahman Mangal, spokesperson for the provincial governor, said"
    if not caps:
        for m in _APPOS.finditer(text, s0, e0):
            sp = _np(text, m.start("name"), m.end("name"), caps)
            if sp and sp.person:
                role = m.span("role")
                return _Speaker(f"{sp.name} ({text[role[0]:role[1]]})", sp.spans + (role,), True)
    # 3. subject + speech verb (last one in the sentence wins: attributions come late)
    found: _Speaker | None = None
    sent = text[s0:e0]
    for m in _SUBJ_VERB.finditer(sent):
        x_s, x_e = s0 + m.start("x"), s0 + m.end("x")
        if m.group("v").lower() == "described" and not _DESCRIBED.search(text, x_s, e0):
            continue
        # the subject is the tail of x: cut at the last clause word
        sub = text[x_s:x_e]
        cut = max((mm.end() for mm in re.finditer(r"\b(?:incident|as|when|while|after|which|who|in an?|with|although|though|because|since|if|once|but)\s+", sub, re.I)), default=0)
        sp = _np(text, x_s + cut, x_e, caps)
        if sp:
            found = sp
    if found:
        return found
    # 4. said X
    for m in _SAID_X.finditer(sent):
        sp = _np(text, s0 + m.start("x"), s0 + m.end("x"), caps)
        if sp and not sp.pronoun:
            return sp
    return None


def _fullest(text: str, sp: _Speaker, upto: int) -> _Speaker:
    """Expand a named person to its fullest earlier mention with a role."""
    if not sp.person:
        return sp
    ns, ne = sp.spans[0]
    short = text[ns:ne]
    last = short.split()[-1]
    best = sp
    best_len = len(short)
    for m in re.finditer(rf"{_NAME}", text[:upto]):
        cand = m.group(0)
        if not cand.endswith(last) or (m.end() < len(text) and text[m.end():m.end() + 1].isalnum()):
            continue
        role = _ROLE_BEFORE.search(text, max(0, m.start() - 120), m.start())
        role_ok = role is not None and role.end() == m.start()
        if len(cand) > best_len or (len(cand) == best_len and role_ok and "(" not in best.name):
            spans: tuple[Span, ...] = (m.span(),)
            name = cand
            if role_ok and role is not None:
                name = f"{cand} ({role.group('role')})"
                spans += (role.span("role"),)
            best = _Speaker(name, spans, True)
            best_len = len(cand)
    if best is sp:
        return sp
    return _Speaker(best.name, tuple(dict.fromkeys(sp.spans + best.spans)), True)


def _resolve(text: str, sentences: list[tuple[int, int]], index: int, sp: _Speaker,
             depth: int = 0) -> _Speaker | None:
    if sp.pronoun is None:
        return _fullest(text, sp, sentences[index][1])
    if depth > 0:
        return None
    want_person = sp.pronoun in ("he", "she")
    for j in range(index - 1, max(-1, index - 12), -1):
        prev = _direct(text, sentences, j)
        if prev is None or prev.pronoun:
            continue
        if want_person and prev.person:
            full = _fullest(text, prev, sentences[j][1])
            return _Speaker(full.name, tuple(dict.fromkeys(sp.spans + prev.spans + full.spans)), True)
        if not want_person and not prev.person and _PLURAL_SOURCE.search(prev.name):
            return _Speaker(prev.name, sp.spans + prev.spans, False)
    return None


def _is_quote_only(text: str, s: int, e: int) -> bool:
    t = text[s:e].strip()
    return len(t) > 2 and t[0] in "\"“" and t.rstrip()[-1] in "\"”" and _quote_balance(text, s, e) == 2


def attribute(text: str, sentences: list[tuple[int, int]], index: int) -> tuple[str, tuple[Span, ...]] | None:
    """Who said ``sentences[index]``: ``(speaker, evidence spans)`` or None if unstated.

    ``sentences`` are the (start, end) offsets of the document's sentences in order.
    """
    if not 0 <= index < len(sentences):
        raise IndexError(f"sentence index {index} out of range (0..{len(sentences) - 1})")
    sp = _direct(text, sentences, index)
    if sp is not None:
        res = _resolve(text, sentences, index, sp)
        return (" ".join(res.name.split()), res.spans) if res else None
    # a bare quoted sentence inside a run of quotes by the same speaker
    s0, e0 = sentences[index]
    if _is_quote_only(text, s0, e0) and index > 0:
        prev = _direct(text, sentences, index - 1)
        nxt = None
        for j in range(index + 1, min(len(sentences), index + 3)):
            js, je = sentences[j]
            if _quote_balance(text, js, je) == 0 and len(text[js:je].split()) < 8:
                continue  # a subheading between paragraphs
            nxt = _direct(text, sentences, j)
            nj = j
            break
        if prev is not None and nxt is not None:
            a = _resolve(text, sentences, index - 1, prev)
            b = _resolve(text, sentences, nj, nxt)
            if a and b and a.name == b.name:
                return " ".join(a.name.split()), a.spans
    return None


# Patterns searched over sentences or look-back windows: behind their first-character lookahead
# (events.led; the matches are the same).
_ACCORDING, _PLURAL_SOURCE = (led(rx) for rx in (_ACCORDING, _PLURAL_SOURCE))
