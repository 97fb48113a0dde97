"""Error responses of the review app: Chinese HTML pages, a redirect to the login page."""

from __future__ import annotations

from http import HTTPStatus
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import PlainTextResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from .deps import LoginRequired, Refused, render, wants_html

STATUS_MESSAGES = {
    400: "请求无效。",
    401: "请先登录。",
    403: "您无权执行此操作。",
    404: "页面不存在。",
    405: "不支持此请求方式。",
    409: "数据已被他人修改，请刷新后重试。",
}


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


async def login_required(request: Request, exc: Exception) -> Response:
    if not wants_html(request):
        return PlainTextResponse("需要登录", status_code=401)
    # After signing in, come back to the page (a GET); a refused form post goes home.
    target = request.url.path
    if request.url.query:
        target += "?" + request.url.query
    if request.method != "GET":
        target = "/"
    return RedirectResponse("/login?" + urlencode({"next": target}), status_code=303)


async def refused(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Refused)
    return render(
        request,
        "review/error.html",
        {"status": 403, "title": "无权访问", "message": exc.message, "refused": exc.kind},
        status_code=403,
    )


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    # Starlette's default detail is the English reason phrase; a route's own detail is shown.
    custom = isinstance(exc.detail, str) and exc.detail != _phrase(exc.status_code)
    message = exc.detail if custom else None
    return render(
        request,
        "review/error.html",
        {
            "status": exc.status_code,
            "title": STATUS_MESSAGES.get(exc.status_code, "出错了").rstrip("。"),
            "message": message or STATUS_MESSAGES.get(exc.status_code, "请求未能完成。"),
            "refused": "",
        },
        status_code=exc.status_code,
        headers=getattr(exc, "headers", None),
    )


async def invalid_request(request: Request, exc: Exception) -> Response:
    return render(
        request,
        "review/error.html",
        {
            "status": 400,
            "title": "请求无效",
            "message": "表单内容不完整或格式不对。",
            "refused": "",
        },
        status_code=400,
    )


def install(app: FastAPI) -> None:
    app.add_exception_handler(LoginRequired, login_required)
    app.add_exception_handler(Refused, refused)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid_request)
