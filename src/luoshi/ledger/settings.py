"""Ledger settings read from the environment (all optional).

LUOSHI_YELLOW_DAYS   days before the deadline a task turns yellow (default 7)
LUOSHI_REPORT_EVERY  reporting period of live tasks: month (default) or week
LUOSHI_SMTP_HOST / _PORT / _USER / _PASSWORD / _FROM / _STARTTLS   e-mail for reminders
LUOSHI_TODAY         pretend today is this ISO date (demos, tests, replaying a period)
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 25
    user: str | None = None
    password: str | None = None
    sender: str = "luoshi@localhost"
    starttls: bool = False


@dataclass(frozen=True)
class Settings:
    yellow_days: int = 7
    report_every: str = "month"  # month | week
    smtp: SmtpSettings | None = None

    @classmethod
    def from_env(cls) -> Settings:
        env = os.environ
        smtp = None
        if env.get("LUOSHI_SMTP_HOST"):
            smtp = SmtpSettings(
                host=env["LUOSHI_SMTP_HOST"],
                port=int(env.get("LUOSHI_SMTP_PORT", "25")),
                user=env.get("LUOSHI_SMTP_USER") or None,
                password=env.get("LUOSHI_SMTP_PASSWORD") or None,
                sender=env.get("LUOSHI_SMTP_FROM", "luoshi@localhost"),
                starttls=env.get("LUOSHI_SMTP_STARTTLS", "") in ("1", "true", "yes"),
            )
        return cls(
            yellow_days=int(env.get("LUOSHI_YELLOW_DAYS", "7")),
            report_every=env.get("LUOSHI_REPORT_EVERY", "month"),
            smtp=smtp,
        )


def today() -> date:
    """Today in the jurisdiction, or LUOSHI_TODAY when set."""
    forced = os.environ.get("LUOSHI_TODAY")
    return date.fromisoformat(forced) if forced else date.today()
