"""Error responses of the public site: Chinese HTML pages, JSON under ``/api/``."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from gongkai.publication.read import InvalidQuery

from .deps import RateLimited, render, wants_json

STATUS_TITLES = {
    400: "请求无效",
    403: "无法提交",
    404: "页面不存在",
    405: "不支持此请求方式",
    410: "已不再公开",
    429: "请求过于频繁",
}
STATUS_MESSAGES = {
    400: "请求的参数不完整或格式不对。",
    404: "没有找到这个页面。",
    405: "不支持此请求方式。",
    429: "您的请求过于频繁，请稍后再试。",
}


def error_response(
    request: Request, status: int, message: str, headers: dict[str, str] | None = None
) -> Response:
    if wants_json(request):
        return JSONResponse({"error": message, "status": status}, status, headers=headers)
    if request.url.path.endswith((".csv", ".xml", ".atom", ".txt", ".jsonl")):
        return PlainTextResponse(message, status, headers=headers)
    return render(
        request,
        "site/error.html",
        {
            "status": status,
            "title": STATUS_TITLES.get(status, "出错了"),
            "message": message,
            "noindex": True,
        },
        status_code=status,
        headers=headers,
    )


async def rate_limited(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RateLimited)
    message = STATUS_MESSAGES[429] + f"（约 {exc.retry_after} 秒后）"
    return error_response(request, 429, message, {"Retry-After": str(exc.retry_after)})


async def invalid_query(request: Request, exc: Exception) -> Response:
    return error_response(request, 400, str(exc))


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) and not exc.detail.isascii() else None
    message = detail or STATUS_MESSAGES.get(exc.status_code, "请求未能完成。")
    return error_response(request, exc.status_code, message, getattr(exc, "headers", None))


async def invalid_request(request: Request, exc: Exception) -> Response:
    return error_response(request, 400, STATUS_MESSAGES[400])


def install(app: FastAPI) -> None:
    app.add_exception_handler(RateLimited, rate_limited)
    app.add_exception_handler(InvalidQuery, invalid_query)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid_request)
