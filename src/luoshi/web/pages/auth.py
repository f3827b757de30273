"""Log-in, log-out and the home page (which sends each role to its own start page)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from luoshi.ledger.errors import AuthenticationFailed
from luoshi.ledger.services import users
from luoshi.web.csrf import csrf_token
from luoshi.web.deps import Actor, Db, MaybeActor
from luoshi.web.templating import flash, render

router = APIRouter()


def home_for(role: str) -> str:
    return "/inbox" if role == "liaison" else "/dashboard"


def safe_next(target: str | None) -> str | None:
    """Only same-site paths: never an open redirect."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


@router.get("/")
def home(user: Actor) -> Response:
    return RedirectResponse(home_for(user.role), status_code=303)


@router.get("/login")
def login_page(request: Request, user: MaybeActor, next: str | None = None) -> Response:
    if user is not None:
        return RedirectResponse(safe_next(next) or home_for(user.role), status_code=303)
    return render(request, "login.html", {"next": safe_next(next)})


def client_address(request: Request) -> str:
    return request.client.host if request.client else "-"


def log_in(
    request: Request, db: Db, username: str, password: str
) -> tuple[object | None, str | None, int]:
    """Check throttling and the password; returns (user, error, retry_after)."""
    throttle = request.app.state.throttle
    address = client_address(request)
    wait = throttle.retry_after(address, username)
    if wait:
        return None, f"登录失败次数过多，请 {wait} 秒后再试", wait
    try:
        user = users.authenticate(db, username.strip(), password)
    except AuthenticationFailed:
        throttle.failed(address, username)
        return None, "用户名或密码错误", 0
    throttle.succeeded(address, username)
    # A fresh session on log-in (no fixation): new CSRF token, then the user id.
    request.session.clear()
    request.session["uid"] = user.id
    csrf_token(request)
    return user, None, 0


@router.post("/login")
def login(
    request: Request,
    db: Db,
    username: Annotated[str, Form()],
    password: Annotated[str, Form()],
    next: Annotated[str, Form()] = "",
) -> Response:
    user, error, wait = log_in(request, db, username, password)
    if user is None:
        response = render(request, "login.html", {"error": error, "username": username,
                                                  "next": safe_next(next)},
                          status_code=429 if wait else 401)  # fmt: skip
        if wait:
            response.headers["Retry-After"] = str(wait)
        return response
    return RedirectResponse(safe_next(next) or home_for(user.role), status_code=303)  # type: ignore[attr-defined]


@router.post("/logout")
def logout(request: Request) -> Response:
    request.session.clear()
    flash(request, "已安全退出", "info")
    return RedirectResponse("/login", status_code=303)
