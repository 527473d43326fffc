"""Main text and metadata from an HTML news page.

Main text comes from trafilatura 2.3.1 (``bare_extraction``, comments
excluded, ``favor_precision``: measured best on the Zyte benchmark dev pages, see docs/EVALUATION.md), which drops navigation, sidebars, ads and comment sections.
When trafilatura finds nothing, jusText and then a structural lxml pass
(``<article>``/``<main>`` paragraphs with page furniture removed) are tried.

Metadata is read from explicit markup first, because it states what the
publisher meant: ``og:title``, ``article:published_time``, ``itemprop``,
JSON-LD ``datePublished``/``headline``/``publisher``, ``<time datetime>``,
``og:site_name``; trafilatura's own metadata (htmldate with the extensive
free-text date search switched off, so no date is guessed from body text) is
the fallback.

The page is parsed once with lxml and the tree is handed to trafilatura.
``<script>``, ``<style>`` and event-handler attributes never reach the text:
trafilatura and the fallbacks only read text nodes of content elements.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from copy import deepcopy
from dataclasses import dataclass
from typing import Any

import lxml.html
from lxml import etree

from harmwatch.errors import InputError
from harmwatch.ingest.clean import normalize_date

log = logging.getLogger(__name__)

# trafilatura logs a warning for every page it "discards"; that is our normal fallback path
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


@dataclass(frozen=True, slots=True)
class HtmlContent:
    """What :func:`extract_html` found (text is not yet normalised)."""

    text: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    language: str | None = None  # from <html lang>, ISO 639-1 when it looks like one
    method: str = "trafilatura"  # trafilatura | justext | lxml | none


_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_WS = re.compile(r"\s+")

_DROP_TAGS = (
    "script", "style", "noscript", "template", "iframe", "svg", "form", "nav", "header",
    "footer", "aside", "button", "select", "textarea", "input", "object", "embed", "canvas",
    "figure", "dialog", "menu",
)  # fmt: skip
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:comments?|comment-list|respond|reply|share|sharing|social|related|sidebar|"
    r"widget|menu|nav|navbar|navigation|footer|header|masthead|banner|advert\w*|ads?|promo|"
    r"subscribe|newsletter|cookie\w*|breadcrumbs?|popup|modal|tags?|author-bio|byline)(?:$|[\s_-])",
    re.I,
)
#: below this many characters, trafilatura's output is cross-checked against the structural pass
_SHORT_TEXT = 250
_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd")

_DATE_META_PROPS = (
    "article:published_time", "og:published_time", "og:article:published_time",
    "article:published", "published_time",
)  # fmt: skip
_DATE_META_NAMES = (
    "article:published_time", "date", "pubdate", "publishdate", "publish-date", "publish_date",
    "publication_date", "dc.date", "dc.date.issued", "dcterms.issued", "dcterms.created",
    "dc.date.created", "sailthru.date", "parsely-pub-date", "article.published",
    "originalpublicationdate", "datepublished", "citation_publication_date",
)  # fmt: skip

_JUSTEXT_LANG = {
    "en": "English", "fr": "French", "es": "Spanish", "pt": "Portuguese", "de": "German",
    "it": "Italian", "nl": "Dutch", "pl": "Polish", "ru": "Russian", "uk": "Ukrainian",
    "tr": "Turkish", "id": "Indonesian", "sw": "Swahili", "ar": "Arabic", "fa": "Persian",
    "ur": "Urdu", "hi": "Hindi", "ro": "Romanian", "hr": "Croatian", "sr": "Serbian",
}  # fmt: skip


# --------------------------------------------------------------------------- parsing

#: libxml2's element nesting limit without XML_PARSE_HUGE (which harmwatch never sets: it is the
#: guard against stack and memory blow-up on hostile pages); deeper content is dropped by the parser
MAX_HTML_DEPTH = 256
TOO_DEEP_HINT = (f"the page nests elements over {MAX_HTML_DEPTH} levels deep (broken or hostile markup); "
                 "pass the article text in 'text' instead")


def parse_html(html: str) -> Any:
    """Parse ``html`` into an lxml document (root ``<html>``), or None if there is no markup.

    Raises ``HW-INPUT-TOO-DEEP`` when the nesting passes :data:`MAX_HTML_DEPTH`: libxml2 stops
    reading there, so whatever text lies deeper would be lost silently; the input fails instead
    (none of the 602 evaluation pages comes near the limit)."""
    html = _XML_DECL.sub("", html, count=1)
    if not html.strip():
        return None
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False)
    try:
        tree = lxml.html.document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError):
        tree = None
    if any(e.type_name == "ERR_RESOURCE_LIMIT" and "depth" in e.message for e in parser.error_log):
        raise InputError(f"HTML nested deeper than {MAX_HTML_DEPTH} levels; not read",
                         code="HW-INPUT-TOO-DEEP", hint=TOO_DEEP_HINT)
    return tree


def _clean_ws(value: str | None) -> str | None:
    if value is None:
        return None
    value = _WS.sub(" ", value).strip()
    return value or None


def _meta(tree: Any, *, props: tuple[str, ...] = (), names: tuple[str, ...] = ()) -> Iterator[str]:
    """``content`` of <meta property=...> / <meta name=...> tags, in page order."""
    props_l = {p.lower() for p in props}
    names_l = {n.lower() for n in names}
    for el in tree.iter("meta"):
        key_p = (el.get("property") or "").strip().lower()
        key_n = (el.get("name") or el.get("itemprop") or "").strip().lower()
        if (key_p and key_p in props_l) or (key_n and key_n in names_l):
            content = el.get("content")
            if content and content.strip():
                yield content.strip()


def _json_ld(tree: Any) -> list[dict[str, Any]]:
    """All JSON-LD objects on the page (``@graph`` flattened); broken blocks are skipped."""
    out: list[dict[str, Any]] = []

    def walk(obj: Any, depth: int = 0) -> None:
        if depth > 4:
            return
        if isinstance(obj, list):
            for x in obj:
                walk(x, depth + 1)
        elif isinstance(obj, dict):
            out.append(obj)
            if "@graph" in obj:
                walk(obj["@graph"], depth + 1)

    for el in tree.iter("script"):
        if (el.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = (el.text or "").strip()
        if not raw or len(raw) > 500_000:
            continue
        try:
            walk(json.loads(raw))
        except ValueError:
            continue
    return out


def _ld_types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type")
    if isinstance(t, str):
        return {t.lower()}
    if isinstance(t, list):
        return {x.lower() for x in t if isinstance(x, str)}
    return set()


_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "blogposting", "webpage",
                  "analysisnewsarticle", "backgroundnewsarticle", "liveblogposting"}  # fmt: skip


def _str_value(v: Any) -> str | None:
    if isinstance(v, str):
        return v.strip() or None
    if isinstance(v, dict):
        return _str_value(v.get("name"))
    if isinstance(v, list) and v:
        return _str_value(v[0])
    return None


def extract_metadata(tree: Any) -> dict[str, str | None]:
    """Title, publication date (normalised ISO) and outlet from explicit page markup."""
    ld = _json_ld(tree)
    articles = [o for o in ld if _ld_types(o) & _ARTICLE_TYPES] or ld

    title = next(_meta(tree, props=("og:title",), names=("twitter:title", "og:title")), None)
    if title is None:
        title = next((_str_value(o.get("headline")) for o in articles if _str_value(o.get("headline"))), None)

    published = None
    candidates: list[str] = list(_meta(tree, props=_DATE_META_PROPS, names=_DATE_META_NAMES))
    candidates += [v for o in articles if (v := _str_value(o.get("datePublished")))]
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        if el.get("itemprop", "").lower() == "datepublished":
            v = el.get("datetime") or el.get("content") or el.text_content()
            if v:
                candidates.append(v.strip())
    times = list(tree.iter("time"))
    times.sort(key=lambda t: 0 if t.get("pubdate") is not None else 1)
    candidates += [t.get("datetime", "").strip() for t in times if t.get("datetime")]
    for cand in candidates:
        published = normalize_date(cand)
        if published:
            break

    source = next(_meta(tree, props=("og:site_name",), names=("og:site_name", "application-name")), None)
    if source is None:
        for o in articles:
            v = _str_value(o.get("publisher"))
            if v:
                source = v
                break
    html_lang = None
    root_lang = (tree.get("lang") or tree.get("xml:lang") or "").strip().lower()
    if re.fullmatch(r"[a-z]{2}(?:[-_][a-z0-9]+)*", root_lang):
        html_lang = root_lang[:2]
    return {
        "title": _clean_ws(title),
        "published": published,
        "source": _clean_ws(source),
        "language": html_lang,
    }


# --------------------------------------------------------------------------- main text


def _trafilatura(tree: Any, url: str | None) -> tuple[str, dict[str, str | None]]:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            favor_precision=True,
            include_images=False,
            include_links=False,
            include_formatting=False,
            deduplicate=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # trafilatura raises assorted errors on odd markup
        log.debug("trafilatura failed: %s", exc)
        return "", {}
    if doc is None:
        return "", {}
    meta = {
        "title": getattr(doc, "title", None),
        "published": normalize_date(getattr(doc, "date", None) or ""),
        "source": getattr(doc, "sitename", None),
    }
    return (getattr(doc, "text", None) or ""), meta


def _justext(html: str, lang: str | None) -> str:
    try:
        import justext

        stoplist = justext.get_stoplist(_JUSTEXT_LANG.get(lang or "en", "English"))
        paragraphs = justext.justext(html, stoplist)
    except Exception as exc:  # jusText raises on some malformed input
        log.debug("justext failed: %s", exc)
        return ""
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def _lxml_text(tree: Any) -> str:
    """Paragraph text of <article>/<main>/<body> with page furniture removed."""
    tree = deepcopy(tree)
    for el in list(tree.iter(*_DROP_TAGS)):
        if el.getparent() is not None:
            el.drop_tree()
    for el in list(tree.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None or el.tag in ("html", "body"):
            continue
        marker = f"{el.get('class', '')} {el.get('id', '')} {el.get('role', '')}"
        if marker.strip() and _FURNITURE.search(marker) and el.tag not in ("article", "main"):
            el.drop_tree()
    root = None
    for path in ("//article", "//main", "//*[@role='main']", "//body"):
        found = tree.xpath(path)
        if found:
            root = max(found, key=lambda e: len(e.text_content()))
            break
    if root is None:
        root = tree
    blocks = [el for el in root.iter(*_BLOCK_TAGS) if not any(a.tag in _BLOCK_TAGS for a in el.iterancestors())]
    if blocks:
        parts = [_WS.sub(" ", el.text_content()).strip() for el in blocks]
    else:
        parts = [line.strip() for line in root.text_content().splitlines()]
    return "\n".join(p for p in parts if p)


def extract_html(html: str, *, url: str | None = None) -> HtmlContent:
    """Main text and metadata of an HTML page (text empty when none can be found)."""
    tree = parse_html(html)
    if tree is None:
        return HtmlContent(text="", method="none")
    meta = extract_metadata(tree)
    text, tmeta = _trafilatura(tree, url)
    method = "trafilatura"
    if 0 < len(text.strip()) < _SHORT_TEXT and not _lxml_text(tree).strip():
        # trafilatura's last-resort baseline returns whatever text the body has; when
        # nothing is left outside nav/header/footer/menus the page has no article
        text = ""
    if not text.strip():
        method = "justext"
        text = _justext(html, meta["language"])
    if not text.strip():
        method = "lxml"
        text = _lxml_text(tree)
    if not text.strip():
        method = "none"
    return HtmlContent(
        text=text,
        title=meta["title"] or _clean_ws(tmeta.get("title")) or _clean_ws(_first_text(tree, "h1", "title")),
        published=meta["published"] or tmeta.get("published"),
        source=meta["source"] or _clean_ws(tmeta.get("source")),
        language=meta["language"],
        method=method,
    )


def _first_text(tree: Any, *tags: str) -> str | None:
    for tag in tags:
        for el in tree.iter(tag):
            t = el.text_content().strip()
            if t:
                return t
    return None
