"""``gongkai serve`` and ``gongkai user add`` (registered on a Typer app here, as
``gongkai/cli.py`` does)."""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

from gongkai.store import SchemaOutOfDate
from gongkai.store.accounts import get_user
from gongkai.store.models import Role
from gongkai.web.review import cli as web_cli
from gongkai.web.review.app import Settings, create_app

app = typer.Typer()
app.command()(web_cli.serve)
app.add_typer(web_cli.user_app, name="user")
runner = CliRunner()


def test_cli_roles_are_the_store_roles() -> None:
    assert [r.value for r in web_cli.RoleName] == [r.value for r in Role]


def test_user_add_with_password_on_stdin(store_url, settings) -> None:
    args = ["user", "add", "zhang", "--role", "approver", "--display-name", "张三"]
    result = runner.invoke(
        app, [*args, "--password-stdin", "--url", store_url], input="a long enough password\n"
    )
    assert result.exit_code == 0, result.output
    assert "已添加用户 zhang" in result.output
    web = create_app(settings)
    try:
        with web.state.sessions() as session:
            user = get_user(session, "zhang")
            assert user is not None and user.role == "approver" and user.display_name == "张三"
    finally:
        web.state.engine.dispose()


def test_user_add_prompts_twice_for_a_hidden_password(store_url) -> None:
    args = ["user", "add", "li", "--role", "reviewer", "--url", store_url]
    result = runner.invoke(app, args, input="a long enough password\na long enough password\n")
    assert result.exit_code == 0, result.output
    assert "a long enough password" not in result.output  # hidden
    mismatch = runner.invoke(
        app,
        ["user", "add", "qian", "--role", "reviewer", "--url", store_url],
        input="a long enough password\nsomething else entirely\n",
    )
    assert mismatch.exit_code != 0


def test_user_add_refuses_bad_input(store_url) -> None:
    short = runner.invoke(
        app,
        ["user", "add", "wu", "--role", "admin", "--password-stdin", "--url", store_url],
        input="short\n",
    )
    assert short.exit_code == 1 and "密码至少" in short.output
    unknown_role = runner.invoke(
        app,
        ["user", "add", "wu", "--role", "boss", "--password-stdin", "--url", store_url],
        input="a long enough password\n",
    )
    assert unknown_role.exit_code == 2


def test_commands_refuse_an_out_of_date_store(tmp_path) -> None:
    empty = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    served = runner.invoke(app, ["serve", "--url", empty])
    assert served.exit_code == 2 and "gongkai db upgrade" in served.output
    added = runner.invoke(
        app,
        ["user", "add", "wu", "--role", "admin", "--password-stdin", "--url", empty],
        input="a long enough password\n",
    )
    assert added.exit_code == 2 and "gongkai db upgrade" in added.output
    with pytest.raises(SchemaOutOfDate, match="gongkai db upgrade"):
        create_app(Settings(database_url=empty))


def test_serve_runs_uvicorn_on_loopback_with_plain_cookies(store_url, monkeypatch) -> None:
    seen = {}

    def fake_run(web_app, **options) -> None:
        seen.update(options, settings=web_app.state.settings)
        web_app.state.engine.dispose()

    monkeypatch.setattr("uvicorn.run", fake_run)
    result = runner.invoke(app, ["serve", "--port", "8123", "--url", store_url])
    assert result.exit_code == 0, result.output
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8123
    settings = seen["settings"]
    assert settings.cookie_secure is False
    assert set(settings.allowed_hosts) == {"127.0.0.1", "localhost"}
