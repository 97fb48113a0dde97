"""``gongkai serve`` and ``gongkai user add``: thin commands that hand off to the app and to
``gongkai.store.accounts``. Heavy imports stay inside the commands so that ``gongkai --help``
stays fast. Registered in ``gongkai/cli.py``::

    from gongkai.web.review.cli import serve, user_app
    app.command()(serve)
    app.add_typer(user_app, name="user")
"""

from __future__ import annotations

import enum
import getpass
import sys

import typer


class RoleName(enum.StrEnum):
    """gongkai.store.models.Role again (a test keeps them equal), so that building the CLI
    does not import SQLAlchemy."""

    REVIEWER = "reviewer"
    APPROVER = "approver"
    ADMIN = "admin"


LOOPBACK = "127.0.0.1"

user_app = typer.Typer(help="Staff accounts of the review app.", no_args_is_help=True)


def serve(
    port: int = typer.Option(8000, "--port", help="Port on 127.0.0.1."),
    url: str = typer.Option(
        None, "--url", help="Database URL (default: GONGKAI_DATABASE_URL or the SQLite file)."
    ),
    secure_cookies: bool = typer.Option(
        False,
        "--secure-cookies/--no-secure-cookies",
        help="Mark cookies Secure (HTTPS only): turn on behind a TLS reverse proxy.",
    ),
    allow_host: list[str] = typer.Option(
        [], "--allow-host", help="Extra host name to answer to (a reverse proxy's), repeatable."
    ),
) -> None:
    """Start the review web app on 127.0.0.1 (plain HTTP; put a TLS proxy in front for others).

    The store's schema must be current: run `gongkai db upgrade` first.
    """
    import uvicorn

    from gongkai.store import SchemaOutOfDate
    from gongkai.web.review.app import Settings, create_app

    settings = Settings(
        database_url=url,
        cookie_secure=secure_cookies,
        allowed_hosts=(LOOPBACK, "localhost", *allow_host),
    )
    try:
        web_app = create_app(settings)
    except SchemaOutOfDate as exc:
        typer.echo(f"数据库结构不是最新版本，审核系统未启动：{exc}", err=True)
        raise typer.Exit(code=2) from None
    typer.echo(f"审核系统：http://{LOOPBACK}:{port}/（Ctrl+C 停止）", err=True)
    uvicorn.run(web_app, host=LOOPBACK, port=port, log_level="info", server_header=False)


@user_app.command("add")
def user_add(
    username: str = typer.Argument(..., help="Login name."),
    role: RoleName = typer.Option(..., "--role", help="What the account may do."),
    display_name: str = typer.Option(None, "--display-name", help="Name shown in the app."),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from the first line of stdin."
    ),
    url: str = typer.Option(None, "--url", help="Database URL (default: as for serve)."),
) -> None:
    """Add a staff account. The password is asked twice (hidden), or read from stdin."""
    from gongkai.store import SchemaOutOfDate, make_engine, make_sessionmaker
    from gongkai.store import require_current_schema as require_schema
    from gongkai.store.accounts import AccountError, add_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("密码", hide_input=True, confirmation_prompt="再次输入密码")
    engine = make_engine(url)
    try:
        require_schema(engine)
        with make_sessionmaker(engine).begin() as session:
            user = add_user(
                session,
                username,
                password,
                role.value,
                display_name=display_name,
                actor=_cli_actor(),
            )
            summary = f"已添加用户 {user.username}（{user.display_name}，{user.role}）"
    except SchemaOutOfDate as exc:
        typer.echo(f"数据库结构不是最新版本：{exc}", err=True)
        raise typer.Exit(code=2) from None
    except AccountError as exc:
        typer.echo(f"未能添加用户：{exc}", err=True)
        raise typer.Exit(code=1) from None
    finally:
        engine.dispose()
    typer.echo(summary)


def _cli_actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no user name (e.g. a container without passwd entry)
        return "cli"
