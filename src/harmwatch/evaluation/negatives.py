"""The negative set: real pages that report no armed violence, so every incident opened on them is false.

Sources (read from the shared folder at run time, nothing copied):

* ``pages``: the raw HTML pages of ``article_extraction_benchmark`` (90, Zyte's dev half: news,
  blogs, shop and science pages, mostly English) and ``trafilatura_eval`` (316, trafilatura's dev
  third: general web pages, mostly German), minus :data:`EXCLUDED`;
* ``case_disasters``: the CASE 2021 snippets labelled ``NATURAL_DISASTER`` or ``MAN_MADE_DISASTER``
  (earthquakes, floods, plant explosions, a bus off a bridge): deaths and "explosions" without armed
  violence, the hard negatives. CASE's ``DIPLO`` snippets are not used (several mention a nerve-gas
  attack, a bombing, ceasefire violations) and neither is ``ORG_CRIME`` (crime news).

Not used as negatives, on purpose: india_police_events documents without a police-violence label
(crime news: assaults, murders by others), MUC-3/4 messages without a template (MUC leaves out
combat between armed forces by definition), WikiEvents (every document is about an attack).

How the exclusion list was made (reproducible, names only, no page text): every page's clean text
(harmwatch's ingest) was screened with :data:`SCREEN` (a multilingual lexicon of violence, crime and
protest words); each of the 178 flagged pages, and the titles of the 228 unflagged ones, were read by
hand, and a page is excluded when it reports, as its story or in an aside, any of:

``violence``  a real act of armed violence or violent crime (a stabbing, a shooting spree, a murder
              trial, a kidnapping, an assault, an air war, police beating people), at any time;
``aside``     such an act only in passing (a pilot "came under intense enemy fire" in 1982, the
              bombing of Dresden, persecution and murder under the Taliban, separatists advancing);
``protest``   a protest, strike or riot event (a monitor codes protests, so an incident is not false);
``crime``     arrests, police operations, trials, non-violent crime reports (ACLED-style
              "Arrests" may legitimately be coded).

Kept as negatives: fiction, games and satire (a game review's "attacks", a horror-clown satire),
disease and accident tolls (the Black Death in an aside, a 737 Max crash toll, a house fire), sport,
named wars as a time or policy reference only ("the 1967 Six-Day War", "the trade war", the war in
Ukraine as the cause of an energy crisis), policy debate about crime or weapons.
"""

from __future__ import annotations

import re
from pathlib import Path

from harmwatch.evaluation import article_benchmark, trafilatura_eval
from harmwatch.evaluation.base import EvalItem, need, read_csv
from harmwatch.evaluation.scoring import RowScore

NAME = "negatives"
FIELDS = ("false_incidents",)

#: page name (the article_extraction_benchmark key / the trafilatura_eval file, without ``.gz``) ->
#: why it is not a negative; see the module docstring for the codes and how the list was made
EXCLUDED: dict[str, str] = {
    "51d066b0602c9421d8d6410bc4b931700978409a3faa2a984e8fbde519ad7241": "violence",
    "87438a0dacbeb979e72522f42b9020048da13dc5a079477114190c8855701b7f": "violence",
    "d90bda7ed14df19574f4ca8b1ccde5752a78f40058af1393e81cc99adb3e8756": "violence",
    "e372e42c0a3df7b86e1c0bacf7bc14d042144a01e88833bc5a643d61b3547090": "violence",
    "djz.de-amoklauf.html": "violence",
    "regards.fr.enquetes.html": "violence",
    "theintercept.com-Gaza.html": "violence",
    "boxen.de-staatsanwaltschaft.html": "violence",
    "correio24horas.com.br-PMS.html": "violence",
    "kaieteurnewsonline.com-essequibo.html": "violence",
    "rosalux.de-quarantaene.html": "violence",
    "ukbdnews.com.23646.html": "violence",
    "1f765c48780665e89cc3af1f7c9af47876e9fae9b5be4a936b0649e10f5e3198": "aside",
    "db6b0816c612296c7f1f001c6df874214fcca0da0fc86fb3aea9358c7f681754": "aside",
    "silvias.net.wahlzensur.html": "aside",
    "legrandcontinent.eu.heran.html": "aside",
    "biobiochile.cl-gremios.html": "aside",
    "bundesrat.de-erinnerungen.html": "aside",
    "infobae.com-ucrania.html": "aside",
    "0a3108e507c54157a95fe7a1338f5e9c.html": "aside",
    "l-mag.de-Holocaust-Gedenken.html": "aside",
    "lsvd.de-afghanistan.html": "aside",
    "klaenge-des-verschweigens.de.geschichte.html": "aside",
    "alacarte.at-purzelbaum.html": "aside",
    "blog.mondediplo.net.turpitude.html": "aside",
    "624fcd903d56fc7055fa7097b330629450c095ad6937318deb027be7803bbf35": "protest",
    "pamelaandersonfoundation.org.yellow.html": "protest",
    "reitschuster.de-Hass-Demo.html": "protest",
    "amnesty.de-waffensysteme.html": "protest",
    "piratenpartei-marburg.de.fridays.html": "protest",
    "sauvonsluniversite.com.spip.html": "protest",
    "961bd85ca85aaf791b278cc4a60058e92d57c4f32a3411cf8e7d802af183c926": "crime",
    "f6ac15a4d98511396da23e4428deb5605422b1c8bbc8284e771f6896bdccf57f": "crime",
    "elheraldo.hn-JOH.html": "crime",
    "thestkittsnevisobserver.com-bvi.html": "crime",
    "abc13.com-Copperfield.html": "crime",
    "lokalo.de-Weinbergsbahnen.html": "crime",
    "viconsortium.com-cocaine.html": "crime",
    "archive.org.stol.it.berlusconi.html": "crime",
    "heartlandnewsfeed.com-Christian.html": "crime",
    "strafprozess.ch.polizisten.html": "crime",
    "telegraph.co.uk.plumber.html": "crime",
    "bundespolizei.de-Belarus.html": "crime",
    "publimetro.cl-ministra.html": "crime",
}

REASONS = frozenset({"violence", "aside", "protest", "crime"})

#: the screening lexicon used to choose which pages to read by hand (English, German, Spanish,
#: French, Italian, Portuguese); a hit is only a reason to read the page, never to exclude it
SCREEN = re.compile(
    r"\b(kill(?:ed|ing|s)?|shot|shoot(?:ing|er|s)?|gunm[ae]n|gunfire|bomb(?:ed|ing|s)?|explosion|blast|"
    r"attack(?:ed|er|ers|s)?|stabb(?:ed|ing)|murder(?:ed|s)?|homicide|wounded|injured|assault(?:ed)?|massacre|"
    r"militant|insurgent|troops|soldiers?|army|airstrikes?|war|terror\w*|hostage|kidnapp\w*|riot\w*|protest\w*|"
    r"arrest\w*|police|violence|violent|dead|died|death|"
    r"get[öo]tet|erschossen|erstochen|ermordet|mord\w*|t[öo]tung|anschlag|anschl[äa]ge|krieg\w*|soldat\w*|bombe\w*|"
    r"angriff\w*|angegriffen|verletzt\w*|gewalt\w*|polizei\w*|festgenommen|schüsse|schuss|waffe\w*|"
    r"tote[nr]?|gestorben|demonstr\w*|muert[oa]s?|asesina\w*|ataque|guerra|herid[oa]s|tiroteo|bomba|policía|"
    r"tués?|attentat|guerre|blessés|morti|uccis\w*|attacco|mortos|polícia)\b", re.IGNORECASE)

#: CASE 2021 labels whose snippets report harm without armed violence
CASE_NEGATIVE_LABELS = frozenset({"NATURAL_DISASTER", "MAN_MADE_DISASTER"})

#: gold["source"] of each part; ``pages`` is the headline figure
PAGE_SOURCES = {article_benchmark.NAME: "pages", trafilatura_eval.NAME: "pages"}


def page_name(item: EvalItem) -> str:
    """The page's file name in its set (what :data:`EXCLUDED` lists)."""
    return item.id


def load(data_dir: Path) -> list[EvalItem]:
    items: list[EvalItem] = []
    for mod in (article_benchmark, trafilatura_eval):
        for it in mod.load(data_dir):
            if page_name(it) in EXCLUDED:
                continue
            items.append(EvalItem(NAME, f"{mod.NAME}/{it.id}", html=it.html,
                                  gold={"negative": True, "source": "pages", "set": mod.NAME}))
    path = need(data_dir / "case2021_task2" / "case2021_task2_dev40.tsv")
    for row in read_csv(path, delimiter="\t"):
        if (row.get("SubType") or "").strip() in CASE_NEGATIVE_LABELS and (row.get("EventSnippet") or "").strip():
            items.append(EvalItem(NAME, f"case2021_task2/{row['id']}", text=row["EventSnippet"].strip(),
                                  gold={"negative": True, "source": "case_disasters", "set": "case2021_task2"}))
    return items


# --------------------------------------------------------------------------- scoring

#: the table field of each part of the set
FIELD_OF_SOURCE = {"pages": "false_incidents", "case_disasters": "false_incidents_disaster"}
_VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"})


def triggers(inc: dict, text: str) -> list[str]:
    """The incident's trigger words as written (its ``event_evidence`` spans), in text order."""
    spans = sorted({(s, e) for s, e in inc.get("event_evidence") or [] if 0 <= s < e <= len(text)})
    return [" ".join(text[s:e].split()) for s, e in spans]


def score_row(item: EvalItem, incs: list[dict], text: str) -> RowScore:
    """One row per negative document: how many incidents it opened (all false), how many of them
    armed violence (Battles, Explosions/Remote violence, Violence against civilians, Riots), and
    whether it opened any. The trigger words go in ``evidence`` for ``--errors false_incidents``."""
    n_violent = sum(1 for i in incs if i.get("event_type") in _VIOLENT_TYPES)
    pred = "; ".join(f"{i.get('event_type')} / {i.get('sub_event_type')} (confidence {i.get('confidence')})"
                     for i in incs)
    ev = " || ".join(", ".join(triggers(i, text)) for i in incs)
    return RowScore(item.id, FIELD_OF_SOURCE[item.gold["source"]],
                    {"incidents_per_100_docs": len(incs), "violent_per_100_docs": n_violent, "docs_with_incident": int(bool(incs))},
                    gold="no incident", pred=pred or None, evidence=ev, miss=bool(incs))


def false_incidents(items: list[EvalItem], preds: list[dict]) -> list[dict]:
    """Every incident opened on the set: document, part, event type, trigger words, confidence
    (what the report lists so that the extraction engineers can fix the triggers)."""
    out = []
    for item, pred in zip(items, preds):
        text = pred.get("text") or item.text or ""
        for inc in pred.get("incidents") or []:
            out.append({"doc": item.id, "source": item.gold["source"], "event_type": inc.get("event_type"),
                        "sub_event_type": inc.get("sub_event_type"), "confidence": inc.get("confidence"),
                        "triggers": triggers(inc, text)})
    return out
