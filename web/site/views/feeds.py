"""Machine-readable listings: the Atom feed of new publications (``/feed.atom``), the sitemap
(``/sitemap.xml``, an index of ``/sitemap-N.xml`` files of at most 50,000 addresses) and
``robots.txt``. XML is built with ElementTree (always well-formed); characters XML 1.0 does not
allow are dropped from text."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import PlainTextResponse, Response
from sqlalchemy import func, select

from gongkai.publication import read
from gongkai.publication.models import PublishedDecision

from ..deps import ReadSession, base_url
from ..templating import CHANNEL_LABELS, penalties, yuan

router = APIRouter()

ATOM_NS = "http://www.w3.org/2005/Atom"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
SITEMAP_CHUNK = 50_000
FEED_ENTRIES = 50
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: str) -> str:
    return _NOT_XML.sub("", value)


def _xml(root: ET.Element, media_type: str) -> Response:
    body = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return Response(body, media_type=media_type)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = xml_text(text)
    return element


def _iso(value: dt.datetime) -> str:
    return read.utc_iso(value) or ""


@router.get("/feed.atom", name="feed")
def atom_feed(request: Request, session: ReadSession) -> Response:
    base = base_url(request)
    rows = read.latest_published(session, FEED_ENTRIES)
    ET.register_namespace("", ATOM_NS)
    a = f"{{{ATOM_NS}}}"
    feed = ET.Element(f"{a}feed")
    label = CHANNEL_LABELS.get(request.app.state.channel, "")
    _sub(feed, f"{a}title", f"公安行政处罚决定公开（{label}）：新公开的决定书")
    _sub(feed, f"{a}id", f"{base}/feed.atom")
    _sub(feed, f"{a}link", rel="self", href=f"{base}/feed.atom")
    _sub(feed, f"{a}link", rel="alternate", href=f"{base}/")
    newest = max((r.updated_at for r in rows), default=None)
    _sub(feed, f"{a}updated", _iso(newest) if newest else _iso(dt.datetime.now(dt.UTC)))
    author = _sub(feed, f"{a}author")
    _sub(author, f"{a}name", "公安机关执法公开")
    for row in rows:
        entry = _sub(feed, f"{a}entry")
        url = f"{base}/decisions/{row.public_id}"
        _sub(entry, f"{a}title", f"{row.decision_no} {row.violation_type}")
        _sub(entry, f"{a}id", url)
        _sub(entry, f"{a}link", rel="alternate", href=url)
        _sub(entry, f"{a}published", _iso(row.first_published_at))
        _sub(entry, f"{a}updated", _iso(row.updated_at))
        summary = (
            f"{row.agency}，{row.decision_date.isoformat()}，{row.violation_type}："
            f"{penalties(row.penalty_types)}"
            + (f"，罚款{yuan(row.fine_amount_fen)}" if row.fine_amount_fen else "")
        )
        _sub(entry, f"{a}summary", summary)
    return _xml(feed, "application/atom+xml; charset=utf-8")


def _chunks(session: ReadSession) -> int:
    top = session.scalar(select(func.max(PublishedDecision.id))) or 0
    return max(1, -(-int(top) // SITEMAP_CHUNK))


@router.get("/sitemap.xml", name="sitemap")
def sitemap_index(request: Request, session: ReadSession) -> Response:
    base = base_url(request)
    ET.register_namespace("", SITEMAP_NS)
    s = f"{{{SITEMAP_NS}}}"
    root = ET.Element(f"{s}sitemapindex")
    for n in range(1, _chunks(session) + 1):
        sitemap = _sub(root, f"{s}sitemap")
        _sub(sitemap, f"{s}loc", f"{base}/sitemap-{n}.xml")
    return _xml(root, "application/xml; charset=utf-8")


@router.get("/sitemap-{number}.xml", name="sitemap_chunk")
def sitemap_chunk(request: Request, number: str, session: ReadSession) -> Response:
    if not number.isdigit() or not 1 <= int(number) <= _chunks(session):
        raise HTTPException(404)
    n = int(number)
    base = base_url(request)
    ET.register_namespace("", SITEMAP_NS)
    s = f"{{{SITEMAP_NS}}}"
    root = ET.Element(f"{s}urlset")
    if n == 1:
        for path in ("/", "/notices", "/data"):
            _sub(_sub(root, f"{s}url"), f"{s}loc", f"{base}{path}")
    rows = read.published_ids(session, after_id=(n - 1) * SITEMAP_CHUNK, limit=SITEMAP_CHUNK)
    for row_id, public_id, updated_at in rows:
        if row_id > n * SITEMAP_CHUNK:
            break
        url = _sub(root, f"{s}url")
        _sub(url, f"{s}loc", f"{base}/decisions/{public_id}")
        _sub(url, f"{s}lastmod", (read.utc_iso(updated_at) or "")[:10])
    return _xml(root, "application/xml; charset=utf-8")


@router.get("/robots.txt", name="robots")
def robots(request: Request) -> Response:
    if request.app.state.channel != "public":
        return PlainTextResponse("User-agent: *\nDisallow: /\n")
    base = base_url(request)
    return PlainTextResponse(
        f"User-agent: *\nDisallow: /api/\nDisallow: /decisions.csv\nSitemap: {base}/sitemap.xml\n"
    )
