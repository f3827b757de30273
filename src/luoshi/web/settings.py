"""Web settings: read once from the environment, overridable by `create_app` arguments."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value and value.isdigit() else default


@dataclass(frozen=True)
class WebSettings:
    # Signs the session cookie. All workers of one deployment must share it: `luoshi serve`
    # sets LUOSHI_SECRET_KEY for its workers; a random key per process is only for tests.
    secret_key: str = field(
        default_factory=lambda: os.environ.get("LUOSHI_SECRET_KEY") or secrets.token_urlsafe(32)
    )
    session_max_age: int = field(
        default_factory=lambda: _env_int("LUOSHI_SESSION_SECONDS", 8 * 3600)
    )
    https_only: bool = field(default_factory=lambda: os.environ.get("LUOSHI_HTTPS_ONLY") == "1")
    # Log-in throttling: this many failures per (address, user name) within the window
    # lock that pair out until the window has passed.
    login_max_failures: int = field(
        default_factory=lambda: _env_int("LUOSHI_LOGIN_MAX_FAILURES", 5)
    )
    login_window_seconds: int = field(default_factory=lambda: _env_int("LUOSHI_LOGIN_WINDOW", 300))
    upload_max_bytes: int = field(
        default_factory=lambda: _env_int("LUOSHI_UPLOAD_MAX_BYTES", 5 * 1024 * 1024)
    )
    page_size: int = 50
    analysis_dir: str | None = field(default_factory=lambda: os.environ.get("LUOSHI_ANALYSIS_DIR"))
