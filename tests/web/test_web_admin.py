"""Admin pages: the audit log (filters, pages, CSV) and staff accounts; home and health."""

from __future__ import annotations

import csv
import io

from webtools import audit_actions, csrf_token_in, direct_session, ensure_user, sign_in

from gongkai.store.audit import audit
from gongkai.web.review.views.audit import PAGE_SIZE


def _admin(app, client) -> str:
    return direct_session(app, client, ensure_user(app, "admin", "admin", "管理员甲"))


def test_home_sends_each_role_to_its_work(app, new_client) -> None:
    for role, target in (
        ("reviewer", "/batches"),
        ("approver", "/batches"),
        ("admin", "/admin/audit"),
    ):
        client = new_client()
        direct_session(app, client, ensure_user(app, role))
        assert client.get("/").headers["location"] == target


def test_healthz_answers_anyone(client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200 and response.text == "ok"


def test_audit_log_shows_sign_ins_in_chinese(app, client, new_client) -> None:
    staff = ensure_user(app, "reviewer", "wang", "王审核")
    browser = new_client()
    sign_in(app, browser, staff, password="wrong password!")
    sign_in(app, browser, staff)
    _admin(app, client)
    page = client.get("/admin/audit")
    assert page.status_code == 200
    assert "审计日志" in page.text and "登录失败" in page.text and "user:wang" in page.text
    assert "北京时间" in page.text
    only_failures = client.get("/admin/audit?action=login_failed")
    assert "登录失败" in only_failures.text and "user:wang</td>" not in only_failures.text
    by_actor = client.get("/admin/audit?actor=user:wang")
    assert "user:wang" in by_actor.text and "login_failed</code>" not in by_actor.text
    by_subject = client.get("/admin/audit?subject=nobody-at-all")
    assert "没有符合条件的记录" in by_subject.text


def test_audit_log_pages(app, client) -> None:
    with app.state.sessions.begin() as session:
        for i in range(PAGE_SIZE + 5):
            audit(session, actor="flow:test/1", action="probe", subject=("decision", f"d{i:03d}"))
    _admin(app, client)
    first = client.get("/admin/audit?action=probe")
    assert "d054" in first.text and "d004" not in first.text  # newest first
    assert "更早的记录" in first.text
    older_url = first.text.split('<a href="')[-1].split('"')[0].replace("&amp;", "&")
    assert older_url.startswith("/admin/audit?action=probe&before=")
    second = client.get(older_url)
    assert "d004" in second.text and "d005" not in second.text and "d000" in second.text
    assert "更早的记录" not in second.text and "最新记录" in second.text


def test_audit_csv_opens_in_excel_and_is_audited(app, client) -> None:
    with app.state.sessions.begin() as session:
        audit(
            session,
            actor="flow:test/1",
            action="state_changed",
            subject=("decision", "d1"),
            from_state="in_review",
            to_state="approved",
            reason="批准：无误",
            details={"批次": 3},
        )
        # A typed login name is attacker-chosen: it must not become a spreadsheet formula.
        audit(session, actor="anonymous", action="login_failed", subject=("user", "=HYPERLINK(1)"))
    _admin(app, client)
    response = client.get("/admin/audit.csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["编号", "时间（北京时间）", "操作人", "操作"]
    by_action = {r[3]: r for r in rows[1:]}
    approved = by_action["state_changed"]
    assert approved[4] == "状态变更" and approved[6] == "d1" and approved[9] == "批准：无误"
    assert approved[7:9] == ["in_review", "approved"] and '"批次": 3' in approved[10]
    assert by_action["login_failed"][6] == "'=HYPERLINK(1)"
    assert "audit_exported" not in by_action  # the export's own entry comes after it
    filtered = client.get("/admin/audit.csv?action=login_failed")
    body = filtered.content.decode("utf-8-sig")
    assert "login_failed" in body and "state_changed" not in body
    exports = [a for a in audit_actions(app) if a[1] == "audit_exported"]
    assert exports == [("user:admin", "audit_exported", "csv")] * 2


def test_audit_csv_streams_in_chunks(app, client, monkeypatch) -> None:
    from gongkai.web.review.views import audit as audit_view

    monkeypatch.setattr(audit_view, "CSV_CHUNK", 3)
    with app.state.sessions.begin() as session:
        for i in range(10):
            audit(session, actor="flow:test/1", action="probe", subject=("decision", f"d{i}"))
    _admin(app, client)
    rows = list(csv.reader(io.StringIO(client.get("/admin/audit.csv?action=probe").text)))
    assert [r[6] for r in rows[1:]] == [f"d{i}" for i in reversed(range(10))]


def test_admin_adds_a_user_through_the_form(app, client, new_client) -> None:
    token = _admin(app, client)
    page = client.get("/admin/users")
    assert "用户管理" in page.text and "管理员甲" in page.text and "审核人员" in page.text
    form = {
        "csrf_token": token,
        "username": "liu",
        "display_name": "刘审批",
        "role": "approver",
        "password": "a long enough password",
        "password_again": "a long enough password",
    }
    response = client.post("/admin/users", data=form)
    assert response.status_code == 303 and response.headers["location"] == "/admin/users?added=liu"
    listed = client.get(response.headers["location"])
    assert "已添加用户 liu" in listed.text and "刘审批" in listed.text and "审批人员" in listed.text
    assert ("user:admin", "user_added", "liu") in audit_actions(app)
    # The new account works.
    browser = new_client()
    token_page = browser.get("/login")
    signed = browser.post(
        "/login",
        data={
            "username": "liu",
            "password": "a long enough password",
            "csrf_token": csrf_token_in(token_page.text),
        },
    )
    assert signed.status_code == 303


def test_adding_a_user_explains_what_is_wrong(app, client) -> None:
    token = _admin(app, client)
    base = {
        "csrf_token": token,
        "username": "zhou",
        "display_name": "",
        "role": "reviewer",
        "password": "a long enough password",
        "password_again": "a long enough password",
    }
    cases = [
        ({"password_again": "something else!!"}, "两次输入的密码不一致"),
        ({"password": "short", "password_again": "short"}, "密码至少"),
        ({"role": "boss"}, "未知角色"),
        ({"username": "   "}, "用户名不能为空"),
        ({"username": "admin"}, "已存在"),
    ]
    for change, message in cases:
        response = client.post("/admin/users", data=base | change)
        assert response.status_code == 400, change
        assert message in response.text, change
    assert client.get("/admin/users?added=nobody").text.count("已添加用户") == 0
    assert not [a for a in audit_actions(app) if a[1] == "user_added" and a[0] == "user:admin"]
