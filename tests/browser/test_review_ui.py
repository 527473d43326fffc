"""The review UI in a real headless Chromium against a real server on a real store.

Each test drives the page as a reviewer would (clicks, keys, forms) and checks what it shows against
the API's own answers and the stored document text.
"""

from __future__ import annotations

import json
import re

from tests.browser.conftest import HOSTILE, HOSTILE_IMG, HOSTILE_SCRIPT, PASSWORD, USER, shot


def _total(page) -> int:
    return int(page.get_attribute("#result-count", "data-total"))


def _rows(page) -> list[str]:
    return page.eval_on_selector_all("#incident-table tbody tr", "rs => rs.map(r => r.dataset.id)")


def test_login_lands_on_the_list_with_the_stores_incidents(page, api):
    page.goto("/#/incidents")
    page.wait_for_selector("#login-form")  # not logged in: sent to the login page
    assert "#/login" in page.url
    shot(page, "login")
    page.fill("#login-user", USER)
    page.fill("#login-pass", "not-the-password")
    page.click("#login-submit")
    page.wait_for_function("() => document.querySelector('#login-error')?.textContent.length > 0")
    assert "Wrong user name or password" in page.inner_text("#login-error")
    page.fill("#login-pass", PASSWORD)
    page.click("#login-submit")
    page.wait_for_selector("#incident-table")
    assert page.inner_text("#who").startswith(USER)
    data = api("/incidents", page_size=50, sort="-date")
    assert _total(page) == data["total"] > 50
    assert _rows(page) == [i["id"] for i in data["items"]]
    assert page.inner_text("#result-count") == f"1–50 of {data['total']}"
    shot(page, "list")


def test_filters_change_the_list(logged_in, api):
    page = logged_in
    everything = _total(page)
    page.select_option("#f-country", "AF")
    page.wait_for_function(f"() => document.querySelector('#result-count')?.dataset.total != '{everything}'")
    af = api("/incidents", country="AF", page_size=200)
    assert _total(page) == af["total"] < everything
    assert set(_rows(page)) == {i["id"] for i in af["items"]}
    places = page.eval_on_selector_all("#incident-table td.c-place", "tds => tds.map(t => t.textContent)")
    assert places and all(p.endswith("AF") for p in places)
    assert "country=AF" in page.url  # the filtered view is a bookmarkable URL

    # Export downloads what the filtered list shows, in the chosen format
    page.select_option("#export-format", "jsonl")
    href = page.get_attribute("#export-link", "href")
    assert href.startswith("/api/v1/export?") and "format=jsonl" in href and "country=AF" in href
    with page.expect_download() as dl:
        page.click("#export-link")
    lines = open(dl.value.path(), encoding="utf-8").read().splitlines()
    assert sorted(json.loads(x)["incident_id"] for x in lines) == sorted(i["id"] for i in af["items"])

    # the killed range narrows it further, and the count shown is the API's
    page.fill("#f-killed_min", "3")
    page.press("#f-killed_min", "Enter")
    page.wait_for_function(f"() => document.querySelector('#result-count')?.dataset.total != '{af['total']}'")
    af3 = api("/incidents", country="AF", killed_min=3, page_size=200)
    assert _total(page) == af3["total"] < af["total"]
    killed = page.eval_on_selector_all("#incident-table tbody td:nth-child(6)", "tds => tds.map(t => t.textContent)")
    assert killed and all(int(k.replace(",", "")) >= 3 for k in killed)

    # full-text search; then a chip removes one filter, Reset removes all
    page.click("#f-reset")
    page.wait_for_function(f"() => document.querySelector('#result-count')?.dataset.total == '{everything}'")
    found = api("/incidents", q="attackers fled", sort="-date")
    assert 0 < found["total"] < 5
    page.fill("#f-q", "attackers fled")
    page.press("#f-q", "Enter")
    page.wait_for_function(f"() => document.querySelector('#result-count')?.dataset.total == '{found['total']}'")
    assert _rows(page) == [i["id"] for i in found["items"]]


def _incident_with_most_reports(api) -> dict:
    items = api("/incidents", page_size=500)["items"]
    best = max(items, key=lambda i: (i["report_count"], i["killed"] or 0))
    return api(f"/incidents/{best['id']}")


def test_clicking_a_field_highlights_its_words(logged_in, api):
    page = logged_in
    inc = _incident_with_most_reports(api)
    assert len(inc["reports"]) >= 2
    page.goto(f"/#/incident/{inc['id']}")
    page.wait_for_selector("#fields-table")
    assert page.locator("article.report").count() == len(inc["reports"])
    texts = {r["doc_id"]: api(f"/documents/{r['doc_id']}")["text"] for r in inc["reports"]}
    # each report's text is shown whole, as text
    for doc_id, text in texts.items():
        shown = page.locator(f'article.report[data-doc="{doc_id}"] .doc-text').text_content()
        assert shown == text

    checked = 0
    for name in ("location", "perpetrators", "date", "event_type"):
        evidence = inc["fields"][name]["evidence"]
        if not evidence:
            continue
        page.click(f'tr.field-row[data-field="{name}"] th')
        assert page.get_attribute(f'tr.field-row[data-field="{name}"]', "aria-selected") == "true"
        # the lit words are exactly the field's evidence: per span, and nothing else is lit
        lit = page.eval_on_selector_all("mark.ev.active", "ms => ms.map(m => [m.closest('article').dataset.doc, m.dataset.ev, m.textContent])")
        assert lit
        assert all(any(k.startswith(name + "#") for k in ev.split()) for _, ev, _ in lit)
        for i, ev in enumerate(evidence):
            words = "".join(t for doc, keys, t in lit if doc == ev["doc_id"] and f"{name}#{i}" in keys.split())
            assert words == ev["text"] == texts[ev["doc_id"]][ev["start"]:ev["end"]]
        first = page.locator("mark.ev.active").first
        assert first.is_visible() and first.bounding_box()["y"] < 900  # scrolled into view
        checked += 1
    assert checked >= 3
    page.click('tr.field-row[data-field="location"] th')
    page.evaluate("() => window.scrollTo(0, 0)")  # the header in view; the report box keeps its scroll
    shot(page, "incident")
    # the founding example: one report, three killed figures that disagree, the perpetrator named three ways
    seed = api("/documents/seed-000_ea6982988430f7db")["incidents"][0]
    page.goto(f"/#/incident/{seed}")
    page.wait_for_selector("#disagreement")
    page.click('tr.field-row[data-field="perpetrators"] th')
    lit = page.locator("mark.ev.active").all_text_contents()
    assert "Islamic State of Iraq and Syria" in lit and "ISIS" in lit
    page.evaluate("() => window.scrollTo(0, 0)")
    shot(page, "incident-seed")


def test_claims_of_all_reports_side_by_side(logged_in, api):
    page = logged_in
    items = api("/incidents", page_size=500)["items"]
    # an incident whose reports give different killed figures
    for s in sorted(items, key=lambda i: -i["report_count"]):
        inc = api(f"/incidents/{s['id']}")
        if len({c["best"] for c in inc["claims"] if c["kind"] == "killed"}) > 1:
            break
    page.goto(f"/#/incident/{inc['id']}")
    page.wait_for_selector("#claims-table")
    rows = page.locator("#claims-table tbody tr")
    assert rows.count() == len(inc["claims"])
    for i, claim in enumerate(inc["claims"]):
        cells = rows.nth(i).locator("td").all_text_contents()
        assert cells[0] == claim["kind"]
        assert claim["doc_id"] in cells[1]
        assert cells[4].split(" ")[0].replace(",", "") == ("—" if claim["best"] is None else str(claim["best"]))
        assert cells[7] == f"“{claim['text']}”"
    assert page.locator("#disagreement").is_visible()  # the sources disagree, and it shows
    assert page.locator("#claims-table tr.differs").count() >= 1
    rows.nth(0).click()
    lit = page.eval_on_selector_all("mark.ev.active", "ms => ms.map(m => [m.dataset.ev, m.textContent])")
    assert lit and all("claim#0" in keys.split() for keys, _ in lit)
    claim = inc["claims"][0]
    assert claim["text"] in "".join(t for _, t in lit)


def test_edit_then_approve_with_keys_and_the_audit_shows_it(logged_in, api):
    page = logged_in
    page.keyboard.press("j")  # first row
    page.keyboard.press("j")  # second row
    second = _rows(page)[1]
    assert page.get_attribute(f'#incident-table tr[data-id="{second}"]', "aria-selected") == "true"
    page.keyboard.press("Enter")
    page.wait_for_selector(f'.incident[data-id="{second}"]')
    before = api(f"/incidents/{second}")
    old_best = (before["fields"]["killed"]["value"] or {}).get("best")
    new_best = (old_best or 0) + 7

    page.click('tr.field-row[data-field="killed"] th')
    page.keyboard.press("e")  # edit the selected field
    page.wait_for_selector("dialog[open]")
    page.fill("#edit-killed-best", str(new_best))
    old_max = (before["fields"]["killed"]["value"] or {}).get("max")
    if old_max is not None and old_max < new_best:  # keep min <= best <= max
        page.fill("#edit-killed-max", str(new_best))
    page.click("dialog[open] button[type=submit]")
    page.wait_for_selector(f'.incident[data-version="{before["version"] + 1}"]')
    row = page.locator('tr.field-row[data-field="killed"]')
    assert f"best {new_best}" in row.inner_text() and "edited" in row.inner_text()

    page.keyboard.press("a")  # approve
    page.wait_for_selector(f'.incident[data-version="{before["version"] + 2}"]')
    assert page.inner_text(".inc-head .badge") == "Approved"
    audit = page.locator("#audit-table tbody tr")
    rows = [audit.nth(i).locator("td").all_text_contents() for i in range(audit.count())]
    assert rows[0][1:3] == [USER, "approve"]  # newest first
    edit = next(r for r in rows if r[2] == "edit" and r[3] == "killed.best")
    assert edit[1] == USER
    assert edit[4] == ("—" if old_best is None else str(old_best)) and edit[5] == str(new_best)
    assert re.match(r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} UTC", rows[0][0])  # when, in UTC
    after = api(f"/incidents/{second}")
    assert after["status"] == "approved" and after["fields"]["killed"]["value"]["best"] == new_best
    assert after["review"]["by"] == USER
    shot(page, "incident-approved")


def test_reject_needs_a_reason_and_keeps_it(logged_in, api):
    page = logged_in
    target = _rows(page)[-1]
    page.goto(f"/#/incident/{target}")
    page.wait_for_selector(f'.incident[data-id="{target}"]')
    page.keyboard.press("r")
    page.wait_for_selector("#reject-reason")
    page.click("dialog[open] button[type=submit]")
    assert "reason is required" in page.inner_text("dialog[open] .dlg-error")
    page.fill("#reject-reason", "background mention of an older attack")
    page.click("dialog[open] button[type=submit]")
    page.wait_for_function("() => document.querySelector('.inc-head .badge')?.textContent == 'Rejected'")
    assert api(f"/incidents/{target}")["review"]["reason"] == "background mention of an older attack"
    assert "background mention of an older attack" in page.inner_text(".inc-head")


def test_hostile_report_shows_its_markup_as_text_and_runs_nothing(logged_in, api):
    page = logged_in
    doc = api(f"/documents/{HOSTILE['id']}")
    assert doc["text"] == HOSTILE["text"] and len(doc["incidents"]) == 1  # stored as given
    inc_id = doc["incidents"][0]
    page.goto(f"/#/incident/{inc_id}")
    page.wait_for_selector(f'article.report[data-doc="{HOSTILE["id"]}"] .doc-text')
    text = page.locator(".doc-text").text_content()
    assert HOSTILE_SCRIPT in text and HOSTILE_IMG in text  # shown as the words they are
    assert HOSTILE["text"] == text
    head = page.locator("article.report .report-head").text_content()
    assert HOSTILE_IMG in head and HOSTILE_SCRIPT in head  # title and outlet: text too
    assert page.locator("#app script, #app img[src='x'], .doc-text img, .report-head img").count() == 0
    assert page.locator(".report-head a").count() == 0 or all(
        not h.startswith("javascript") for h in page.eval_on_selector_all(".report-head a", "as => as.map(a => a.href)"))
    # the list shows the title as text as well
    page.goto("/#/incidents?q=onerror")
    page.wait_for_function("() => document.querySelector('#result-count')?.dataset.total == '1'")
    assert HOSTILE_IMG in page.locator("#incident-table tbody").text_content()
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_writes_without_login_are_refused_and_send_to_login(page, api, server):
    page.goto("/")
    page.wait_for_selector("#login-form")
    # the UI's own responses carry a strict CSP: no inline script, same origin only
    resp = page.request.get("/")
    csp = resp.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
    assert page.request.get("/static/app.js").headers["content-security-policy"] == csp
    status = page.evaluate("""async () => {
        const r = await fetch('/api/v1/incidents/anything', {method: 'PATCH', headers: {'Content-Type': 'application/json'},
                              body: JSON.stringify({version: 1, fields: {killed: null}})});
        return [r.status, (await r.json()).error.code];
    }""")
    assert status == [401, "HW-AUTH-REQUIRED"]
    # logged in but without the CSRF header: refused too
    page.fill("#login-user", USER)
    page.fill("#login-pass", PASSWORD)
    page.click("#login-submit")
    page.wait_for_selector("#incident-table")
    first = _rows(page)[0]
    status = page.evaluate("""async (id) => {
        const r = await fetch('/api/v1/incidents/' + id + '/approve', {method: 'POST', headers: {'Content-Type': 'application/json'},
                              body: JSON.stringify({version: 1})});
        return r.status;
    }""", first)
    assert status == 403
    # after logging out, the next view sends the user to the login page
    page.click("#logout")
    page.wait_for_selector("#login-form")
    page.goto(f"/#/incident/{first}")
    page.wait_for_function("() => location.hash.startsWith('#/login?next=')")
    page.wait_for_selector("#login-form")
    assert first in page.url.split("next=")[1].replace("%2F", "/")


def test_map_and_timeline_draw_the_filtered_incidents(logged_in, api):
    page = logged_in
    page.click("a.tab:has-text('Map & timeline')")
    page.wait_for_selector("#map-svg[data-basemap=ready]", timeout=30_000)
    fc = api("/map")
    assert page.locator("#map-svg circle.pt").count() == len(fc["features"]) > 20
    assert page.locator("#map-svg path.land").count() > 150  # the shipped country boundaries
    assert page.locator("#timeline-svg rect.tl-bar").count() > 0
    shot(page, "map-timeline")
    # the same filters narrow the map
    af = api("/map", country="AF")
    af_total = api("/incidents", country="AF", page_size=1)["total"]
    page.select_option("#f-country", "AF")
    page.wait_for_selector(f"#result-count[data-total='{af_total}']")  # the new view, not the old one
    page.wait_for_selector("#map-svg[data-basemap=ready]", timeout=30_000)
    assert page.locator("#map-svg circle.pt").count() == len(af["features"]) < len(fc["features"])
    assert page.locator("#map-svg path.adm1-shape").count() >= 30  # Afghanistan's provinces
    # a point opens its incident
    page.locator("#map-svg circle.pt").first.click()
    page.wait_for_selector(".incident")
    assert page.url.split("#/incident/")[1] in {f["properties"]["id"] for f in af["features"]}


def test_keys_help_and_visible_focus(logged_in):
    page = logged_in
    page.keyboard.press("?")
    page.wait_for_selector("dialog[open] .keys-table")
    keys = page.locator("dialog[open] .keys-table kbd").all_text_contents()
    assert {"j", "k", "a", "r", "e", "?"} <= set(keys)
    page.keyboard.press("Escape")
    page.wait_for_selector("dialog[open]", state="detached")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")


def test_a_viewer_reads_but_gets_no_write_controls(page, api):
    page.goto("/#/login")
    page.wait_for_selector("#login-form")
    page.fill("#login-user", "vera")
    page.fill("#login-pass", "viewer-pass-7")
    page.click("#login-submit")
    page.wait_for_selector("#incident-table")
    first = _rows(page)[0]
    page.goto(f"/#/incident/{first}")
    page.wait_for_selector("#read-only")
    assert "viewer" in page.inner_text("#read-only")
    assert page.locator("#btn-approve, #btn-reject, .fed button").count() == 0
    before = api(f"/incidents/{first}")
    page.keyboard.press("a")  # the key does nothing for a viewer
    page.keyboard.press("e")
    assert page.locator("dialog[open]").count() == 0
    after = api(f"/incidents/{first}")
    assert (after["version"], after["status"]) == (before["version"], before["status"])


def test_approve_from_the_list_by_keys_moves_to_the_next_row(logged_in, api):
    page = logged_in
    sv_total = api("/incidents", country="SV", page_size=1)["total"]
    page.select_option("#f-country", "SV")
    page.wait_for_selector(f"#result-count[data-total='{sv_total}']")
    ids = _rows(page)
    assert len(ids) >= 4
    for _ in range(3):
        page.keyboard.press("j")
    target = ids[2]
    assert page.get_attribute(f'#incident-table tr[data-id="{target}"]', "aria-selected") == "true"
    page.keyboard.press("a")
    page.wait_for_function(f"""() => document.querySelector('#incident-table tr[data-id="{target}"] .badge')?.textContent == 'Approved'""")
    assert api(f"/incidents/{target}")["status"] == "approved"
    # the selection moved on to the next row, ready for the next decision
    assert page.get_attribute(f'#incident-table tr[data-id="{ids[3]}"]', "aria-selected") == "true"


def test_a_stale_version_is_refused_shown_and_reloaded(logged_in, api):
    """Two reviewers: the second write on an old version is a 409, said so, never a silent overwrite."""
    page = logged_in
    target = _rows(page)[4]
    page.goto(f"/#/incident/{target}")
    page.wait_for_selector(f'.incident[data-id="{target}"]')
    seen = api(f"/incidents/{target}")["version"]
    # someone else edits it meanwhile (same API, another write)
    csrf = api("/auth/me")["csrf_token"]
    other = page.request.patch(f"/api/v1/incidents/{target}", headers={"X-CSRF-Token": csrf},
                               data={"version": seen, "fields": {"victim_category": "civilians"}})
    assert other.ok, other.text()
    page.click("#btn-approve")  # this page still holds the old version
    page.wait_for_selector(".toast-error")
    assert "Someone else changed this incident first" in page.inner_text(".toast-error")
    page.wait_for_selector(f'.incident[data-version="{seen + 1}"]')  # reloaded with their change
    now = api(f"/incidents/{target}")
    assert now["status"] == "unreviewed" and now["version"] == seen + 1


def test_split_reports_off_then_merge_them_back(logged_in, api):
    page = logged_in
    items = api("/incidents", page_size=500)["items"]
    two = next(i for i in items if i["report_count"] == 2)
    inc = api(f"/incidents/{two['id']}")
    leaving = inc["reports"][1]["doc_id"]
    page.goto(f"/#/incident/{inc['id']}")
    page.wait_for_selector("#btn-split:not([disabled])")
    page.click("#btn-split")
    page.check(f'dialog[open] input[value="{leaving}"]')
    page.click("dialog[open] button[type=submit]")
    page.wait_for_function("() => document.querySelectorAll('article.report').length == 1")
    # the split leaves two incidents of one report each, and the page shows one of them
    first = page.get_attribute(".incident", "data-id")
    docs = {first: page.eval_on_selector_all("article.report", "as => as.map(a => a.dataset.doc)")}
    assert len(docs[first]) == 1
    other_doc = ({r["doc_id"] for r in inc["reports"]} - set(docs[first])).pop()
    other = api(f"/documents/{other_doc}")["incidents"]
    assert len(other) == 1 and other[0] != first
    # merge them back: type the other id in the merge dialog
    page.click("#btn-merge")
    page.fill("#merge-ids", other[0])
    page.click("dialog[open] button[type=submit]")
    page.wait_for_function("() => document.querySelectorAll('article.report').length == 2")
    joined = page.get_attribute(".incident", "data-id")
    assert {r["doc_id"] for r in api(f"/incidents/{joined}")["reports"]} == {r["doc_id"] for r in inc["reports"]}
    actions = page.locator("#audit-table tbody td:nth-child(3)").all_text_contents()
    assert "merge" in actions
