"""Log-in, log-out, session cookie flags, CSRF and throttling."""

from __future__ import annotations

from fastapi.testclient import TestClient

from .conftest import login
from .seed import PASSWORD


def _form_token(client: TestClient) -> str:
    page = client.get("/login").text
    return page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]


def test_login_page_then_form_login_sets_safe_cookie(client_for) -> None:
    c = client_for(None)
    token = _form_token(c)
    r = c.post("/login", data={"username": "supervisor", "password": PASSWORD,
                               "csrf_token": token})  # fmt: skip
    assert r.status_code == 303 and r.headers["location"] == "/dashboard"
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    me = c.get("/api/v1/auth/me").json()
    assert me["username"] == "supervisor" and me["role"] == "supervisor"


def test_liaison_lands_on_inbox_and_next_is_same_site_only(client_for) -> None:
    c = client_for(None)
    token = _form_token(c)
    r = c.post("/login", data={"username": "liaison", "password": PASSWORD, "csrf_token": token,
                               "next": "//evil.example/x"})  # fmt: skip
    assert r.headers["location"] == "/inbox"


def test_wrong_password_is_refused_with_message(client_for) -> None:
    c = client_for(None)
    r = c.post("/login", data={"username": "supervisor", "password": "nope-nope",
                               "csrf_token": _form_token(c)})  # fmt: skip
    assert r.status_code == 401 and "用户名或密码错误" in r.text
    assert c.get("/api/v1/auth/me").status_code == 401


def test_post_without_csrf_token_is_rejected(client_for) -> None:
    c = client_for(None)
    c.get("/login")
    r = c.post("/login", data={"username": "supervisor", "password": PASSWORD})
    assert r.status_code == 403 and "CSRF" in r.text
    r = c.post("/api/v1/auth/login", json={"username": "supervisor", "password": PASSWORD})
    assert r.status_code == 403
    # a logged-in API client without the header is refused too
    c = client_for("supervisor")
    del c.headers["X-CSRF-Token"]
    assert c.post("/api/v1/auth/logout").status_code == 403
    c.headers["X-CSRF-Token"] = "forged"
    assert c.post("/api/v1/auth/logout").status_code == 403


def test_throttling_after_repeated_bad_logins(client_for) -> None:
    c = client_for(None)
    token = _form_token(c)
    for _ in range(5):
        r = c.post("/login", data={"username": "viewer", "password": "wrong-pass",
                                   "csrf_token": token})  # fmt: skip
        assert r.status_code == 401
    # now even the right password is refused until the window has passed
    r = c.post("/login", data={"username": "viewer", "password": PASSWORD, "csrf_token": token})
    assert r.status_code == 429 and "秒后再试" in r.text and int(r.headers["retry-after"]) > 0
    r = c.post("/api/v1/auth/login", json={"username": "viewer", "password": PASSWORD},
               headers={"X-CSRF-Token": token})  # fmt: skip
    assert r.status_code == 429
    # another user from the same address is not locked out
    login(client_for(None), "leader")


def test_logout_ends_the_session(client_for) -> None:
    c = client_for("supervisor")
    assert c.get("/api/v1/auth/me").status_code == 200
    r = c.post("/logout", data={"csrf_token": c.headers["X-CSRF-Token"]})
    assert r.status_code == 303 and r.headers["location"] == "/login"
    assert c.get("/api/v1/auth/me").status_code == 401
    assert c.get("/dashboard").status_code == 303
