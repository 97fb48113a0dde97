"""Smoke test in a real browser: sign in through the form, see the Chinese page, sign out."""

from __future__ import annotations

import re

from playwright.sync_api import expect
from webtools import PASSWORD, ensure_user


def test_sign_in_through_the_form(live_server, page, shot, console_errors) -> None:
    ensure_user(live_server.app, "admin", "admin", "管理员甲")
    page.goto(live_server.url + "/")
    expect(page).to_have_url(re.compile(r"/login\?next=%2F$"))
    expect(page.locator("h1")).to_have_text("行政处罚决定书公开审核")
    shot("login-form")

    page.fill("#username", "admin")
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="登录").click()

    expect(page).to_have_url(live_server.url + "/admin/audit")
    expect(page.locator("h1")).to_have_text("审计日志")
    expect(page.locator(".user-name")).to_have_text("管理员甲")
    expect(page.locator("table.audit")).to_contain_text("登录")
    path = shot("signed-in")
    assert path.stat().st_size > 10_000

    page.get_by_role("button", name="退出登录").click()
    expect(page).to_have_url(live_server.url + "/login")
    assert console_errors == []  # no CSP violation, no script error


def test_wrong_password_stays_on_the_form(live_server, page, console_errors) -> None:
    ensure_user(live_server.app, "reviewer", "wang", "王审核")
    page.goto(live_server.url + "/login")
    page.fill("#username", "wang")
    page.fill("#password", "not the password")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("alert")).to_have_text("用户名或密码错误。")
    expect(page.locator("#username")).to_have_value("wang")
    # The page itself logs a 401 for the document; nothing else may complain.
    assert [e for e in console_errors if "401" not in e] == []


def test_reviewers_land_on_the_queue(live_server, page, console_errors) -> None:
    ensure_user(live_server.app, "reviewer", "wang", "王审核")
    page.goto(live_server.url + "/login")
    page.fill("#username", "wang")
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(live_server.url + "/batches")
    expect(page.locator("h1")).not_to_be_empty()
    expect(page.locator(".user-name")).to_have_text("王审核")
    assert console_errors == []
