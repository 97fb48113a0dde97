"""Browser tests: the app served by uvicorn on a free loopback port (in a thread, against a
temporary store), driven by Playwright through Debian's headless Chromium.

Playwright never downloads a browser here: it launches ``/usr/bin/chromium``. Without it the
tests are skipped, except under ``CI=true`` (``.ci/run`` installs it), where that fails.
Each test leaves a screenshot in ``test-artifacts/`` (more with the ``shot`` fixture).
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI

from gongkai.web.review.app import Settings, create_app

CHROMIUM = Path("/usr/bin/chromium")
CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
# Quiet and offline: no first-run UI, no updates, no name lookups except loopback.
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
        pytest.fail(f"browser tests need it under CI=true: {reason}", pytrace=False)
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class LiveServer:
    url: str  # http://127.0.0.1:PORT, no trailing slash
    app: FastAPI


@pytest.fixture
def live_server(store_url: str) -> Iterator[LiveServer]:
    """The app as ``gongkai serve`` runs it (plain HTTP on loopback), on its own store."""
    app = create_app(
        Settings(database_url=store_url, cookie_secure=False, allowed_hosts=("127.0.0.1",))
    )
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, name="uvicorn-test", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the review app did not start")
        time.sleep(0.02)
    try:
        yield LiveServer(f"http://127.0.0.1:{port}", app)
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        app.state.engine.dispose()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium fonts-wqy-zenhei)")
    if not CJK_FONT.exists():
        _unavailable(f"{CJK_FONT} is missing: Chinese would render as boxes (fonts-wqy-zenhei)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


def _artifact_name(node_name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", node_name).strip("_")


@pytest.fixture
def console_errors() -> list[str]:
    """Errors the page logged (a Content-Security-Policy violation shows up here)."""
    return []


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest, console_errors: list[str]) -> Iterator[Any]:
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: console_errors.append(str(e)))
    try:
        yield page
    finally:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / f"{_artifact_name(request.node.name)}.png", full_page=True)
        context.close()


@pytest.fixture
def shot(page: Any, request: pytest.FixtureRequest) -> Callable[[str], Path]:
    """``shot("step")`` saves ``test-artifacts/<test>-<step>.png`` and returns its path."""

    def take(step: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{_artifact_name(request.node.name)}-{_artifact_name(step)}.png"
        page.screenshot(path=path, full_page=True)
        return path

    return take
