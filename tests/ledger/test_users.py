"""Users: argon2 hashes, authentication, admin-only management, backup round trip."""

from __future__ import annotations

import pytest

from luoshi.ledger import services as sv
from luoshi.ledger.backup import backup, restore
from luoshi.ledger.errors import AuthenticationFailed, PermissionDenied, ValidationFailed

from .conftest import PASSWORD


def test_passwords_are_argon2_and_authenticate(s, world) -> None:
    user, pw = sv.create_user(s, world.admin, "newbie", "liaison", unit_id=world.units["财政局"])
    assert user.password_hash.startswith("$argon2id$") and pw not in user.password_hash
    assert sv.authenticate(s, "newbie", pw).id == user.id
    with pytest.raises(AuthenticationFailed):
        sv.authenticate(s, "newbie", pw + "x")
    with pytest.raises(AuthenticationFailed):
        sv.authenticate(s, "nobody", pw)
    sv.set_active(s, world.admin, user.id, False)
    with pytest.raises(AuthenticationFailed):
        sv.authenticate(s, "newbie", pw)


def test_only_admin_manages_users_and_own_password_needs_old(s, world) -> None:
    with pytest.raises(PermissionDenied):
        sv.create_user(s, world.dc, "x", "viewer")
    with pytest.raises(ValidationFailed):
        sv.create_user(s, world.admin, "y", "liaison")  # a liaison needs a unit
    with pytest.raises(AuthenticationFailed):
        sv.set_password(s, world.fgw, world.fgw.id, "new-password-1", "wrong")
    sv.set_password(s, world.fgw, world.fgw.id, "new-password-1", PASSWORD)
    assert sv.authenticate(s, "fgw", "new-password-1").username == "fgw"
    with pytest.raises(AuthenticationFailed):
        sv.set_password(s, world.fgw, world.czj.id, "new-password-2", PASSWORD)


def test_backup_restores_across_backends(engine, s, world, assigned, tmp_path) -> None:
    from luoshi.ledger.db import init_db, make_engine

    sv.report_progress(s, world.fgw, assigned[0], "进展", 40,
                       attachments=[sv.AttachmentIn("a.bin", bytes(range(256)))])  # fmt: skip
    counts = backup(engine, tmp_path / "b.jsonl.gz")
    assert counts["tasks"] == 3 and counts["attachments"] == 1
    other = make_engine(f"sqlite:///{tmp_path / 'other.db'}")
    init_db(other)
    assert restore(other, tmp_path / "b.jsonl.gz") == {k: v for k, v in counts.items() if v}
    from sqlalchemy.orm import Session

    with Session(other) as s2:
        t = sv.get_task(s2, sv.get_user(s2, "fgw"), assigned[0])
        assert t.percent == 40 and t.version == sv.get_task(s, world.fgw, assigned[0]).version
        h = sv.task_history(s2, sv.get_user(s2, "dc"), assigned[0])
        assert h.reports[0].attachments[0].data == bytes(range(256))
        assert sv.authenticate(s2, "fgw", PASSWORD).id == world.fgw.id
    other.dispose()
