"""Turning ledger errors and HTTP errors into answers: JSON under /api, pages elsewhere.

A failed form POST goes back where it came from with the reason as a flash message, so the
user stays on the page they were working on.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from luoshi.ledger.errors import LedgerError
from luoshi.web.deps import LoginRequired
from luoshi.web.templating import flash, render

STATUS = {
    "permission_denied": 403,
    "not_found": 404,
    "invalid_transition": 409,
    "duplicate_import": 409,
    "conflict": 409,
    "invalid": 422,
    "authentication_failed": 401,
}
MESSAGES = {
    "permission_denied": "无权进行此操作或查看此内容",
    "not_found": "未找到该内容",
    "invalid_transition": "任务当前状态不允许此操作",
    "duplicate_import": "该文件此前已导入，未重复导入",
    "conflict": "该任务刚被他人修改，请刷新后重试",
    "invalid": "输入有误",
    "authentication_failed": "用户名或密码错误",
    "ledger_error": "操作未能完成",
}
HTTP_MESSAGES = {
    400: "请求有误",
    401: "请先登录",
    403: "无权访问",
    404: "页面不存在",
    405: "不支持的请求方式",
    409: "操作冲突",
    413: "文件过大",
    422: "输入有误",
    429: "尝试次数过多，请稍后再试",
}


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def back_url(request: Request) -> str:
    """The same-site page the request came from, else the home page."""
    ref = request.headers.get("referer")
    if ref:
        parts = urlsplit(ref)
        if parts.netloc in ("", request.url.netloc):
            return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return "/"


def _answer(request: Request, status: int, code: str, message: str, detail: str) -> Response:
    if is_api(request):
        return JSONResponse({"error": code, "message": message, "detail": detail}, status)
    # A form that failed on state or input goes back to its page with the reason; a
    # refusal (403) or a missing object (404) gets an error page.
    if request.method == "POST" and status in (409, 422) and "uid" in request.session:
        flash(request, f"{message}：{detail}" if detail and detail != message else message, "error")
        return RedirectResponse(back_url(request), status_code=303)
    return render(request, "error.html",
                  {"status": status, "heading": message, "message": detail}, status_code=status)  # fmt: skip


def install(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def _login(request: Request, _exc: LoginRequired) -> Response:
        if is_api(request):
            return JSONResponse({"error": "login_required", "message": "请先登录"}, 401)
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)

    @app.exception_handler(LedgerError)
    async def _ledger(request: Request, exc: LedgerError) -> Response:
        status = STATUS.get(exc.code, 400)
        return _answer(request, status, exc.code, MESSAGES.get(exc.code, MESSAGES["ledger_error"]),
                       str(exc))  # fmt: skip

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        message = HTTP_MESSAGES.get(exc.status_code, "请求未能完成")
        detail = exc.detail if isinstance(exc.detail, str) else message
        response = _answer(request, exc.status_code, f"http_{exc.status_code}", message, detail)
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        return response

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        if is_api(request):
            return JSONResponse({"error": "invalid", "message": "输入有误",
                                 "detail": jsonable_encoder(exc.errors())}, 422)  # fmt: skip
        fields = "、".join(str(e.get("loc", ["?"])[-1]) for e in exc.errors())
        return _answer(request, 422, "invalid", "输入有误", f"请检查：{fields}")
