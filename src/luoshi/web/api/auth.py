"""Log-in for API clients: the same session cookie as the pages, plus the CSRF token."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel

from luoshi.web.api.schemas import UserOut, user_out
from luoshi.web.csrf import csrf_token
from luoshi.web.deps import Actor, Db
from luoshi.web.pages.auth import log_in

router = APIRouter(prefix="/auth", tags=["auth"])


class LoginIn(BaseModel):
    username: str
    password: str


class LoginOut(BaseModel):
    user: UserOut
    csrf_token: str


class CsrfOut(BaseModel):
    csrf_token: str


@router.get("/csrf", response_model=CsrfOut, summary="The session's CSRF token (log-in needs it)")
def get_csrf(request: Request) -> CsrfOut:
    return CsrfOut(csrf_token=csrf_token(request))


@router.post("/login", response_model=LoginOut, summary="Log in; sets the session cookie")
def login(request: Request, db: Db, body: LoginIn) -> LoginOut:
    user, error, wait = log_in(request, db, body.username, body.password)
    if user is None:
        headers = {"Retry-After": str(wait)} if wait else None
        raise HTTPException(429 if wait else 401, detail=error, headers=headers)
    return LoginOut(user=user_out(user), csrf_token=csrf_token(request))  # type: ignore[arg-type]


@router.post("/logout", status_code=204, summary="End the session")
def logout(request: Request) -> None:
    request.session.clear()


@router.get("/me", response_model=UserOut, summary="The logged-in user")
def me(user: Actor) -> UserOut:
    return user_out(user)
