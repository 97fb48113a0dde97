"""The public site in a real browser: Debian's headless Chromium driven by Playwright, the site
served by uvicorn on a free loopback port, JavaScript switched off (the site needs none).

Search 超速, filter, open a decision, download the CSV. Screenshots go to ``test-artifacts/``.
Playwright never downloads a browser here: it launches ``/usr/bin/chromium``; without it the
test is skipped, except under ``CI=true``, where that fails.
"""

from __future__ import annotations

import csv
import io
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from sitetools import Channel

CHROMIUM = Path("/usr/bin/chromium")
CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"the browser test needs it under CI=true: {reason}", pytrace=False)
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def live_site(sqlite_channel: Channel, corpus: dict, make_site: Any) -> Iterator[str]:
    sqlite_channel.publish(*corpus.values())
    port = _free_port()
    app = make_site(sqlite_channel, base_url=None, allowed_hosts=("127.0.0.1",))
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, name="uvicorn-site-test", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the site did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)


@pytest.fixture
def page() -> Iterator[Any]:
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium fonts-wqy-zenhei)")
    if not CJK_FONT.exists():
        _unavailable(f"{CJK_FONT} is missing: Chinese would render as boxes (fonts-wqy-zenhei)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        context = browser.new_context(
            locale="zh-CN",
            viewport={"width": 1280, "height": 900},
            java_script_enabled=False,
            accept_downloads=True,
        )
        page = context.new_page()
        page.set_default_timeout(15_000)
        try:
            yield page
        finally:
            context.close()
            browser.close()


def shot(page: Any, step: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"site-{step}.png", full_page=True)


def test_search_filter_open_and_download(
    live_site: str, page: Any, corpus: dict, tmp_path: Path
) -> None:
    failed: list[str] = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.goto(live_site + "/")
    assert page.locator("h1").first.inner_text().startswith("全部公开的决定书")

    # Search 超速 through the form: the search becomes the page's URL.
    page.fill("input[name=q]", "超速")
    page.locator(".searchbar button").click()
    page.wait_for_url("**/?q=*")
    assert "q=%E8%B6%85%E9%80%9F" in page.url
    assert page.locator(".result").count() == 2
    assert page.locator(".result mark").first.inner_text() == "超速"
    shot(page, "1-search")

    # Filter by agency: one result left, still a URL.
    page.select_option("select[name=agency]", "柳州市公安局交通警察支队")
    page.get_by_role("button", name="应用筛选").click()
    page.wait_for_url("**agency=*")
    assert page.locator(".result").count() == 1
    assert page.locator(".active-filters li").count() == 2
    shot(page, "2-filtered")

    # Open the decision.
    speed2 = corpus["speed2"]
    page.locator(".result h2 a").first.click()
    page.wait_for_url(f"**/decisions/{speed2.public_id}")
    assert page.locator("h1").inner_text() == speed2.decision_no
    assert "超过规定时速20%" in page.locator(".text").inner_text()
    assert page.get_by_role("heading", name="纠错").is_visible()
    # The style sheet applied (the CSP allows it; the honeypot field is off-screen).
    assert not page.locator(".hp input").is_visible() or page.locator(".hp").bounding_box()["x"] < 0
    shot(page, "3-decision")

    # Back to the search, download its CSV.
    page.go_back()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="下载全部结果（CSV）").click()
    download = download_info.value
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    assert target.suffix == ".csv"
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["编号"] for r in rows] == [speed2.public_id]
    assert rows[0]["网址"] == f"{live_site}/decisions/{speed2.public_id}"
    assert failed == []
