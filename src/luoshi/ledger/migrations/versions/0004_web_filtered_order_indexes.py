"""indexes for filtered task lists in deadline order

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21

A task list is ordered by coalesce(deadline, '9999-12-31'), id (undated last) and read a
page at a time. Filtered on one leader, one category or one state, a hundred-thousand-task
ledger still has thousands of matches, which SQLite would fetch and sort for a page of
twenty; with (filter column, order expression, id) it reads the page in order instead.
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

COLUMNS = ("lead_leader_id", "category", "state")


def upgrade() -> None:
    pg = op.get_bind().dialect.name == "postgresql"
    far = "'9999-12-31'::date" if pg else "'9999-12-31'"
    for col in COLUMNS:
        op.execute(
            f"CREATE INDEX ix_tasks_{col}_due ON tasks ({col}, (coalesce(deadline, {far})), id)"
        )


def downgrade() -> None:
    for col in COLUMNS:
        op.execute(f"DROP INDEX IF EXISTS ix_tasks_{col}_due")
