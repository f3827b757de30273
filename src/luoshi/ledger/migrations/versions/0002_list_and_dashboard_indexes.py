"""indexes for the task list order, the dashboard and text search

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21

- tasks ordered by deadline with undated tasks last: an expression index on
  coalesce(deadline, '9999-12-31'), id serves ORDER BY … LIMIT without sorting 100k rows;
- the dashboard counts run as index-only scans over (state, deadline, closed_at);
- PostgreSQL: trigram GIN indexes (pg_trgm) make LIKE '%…%' searches of title and content
  indexable; skipped with a notice when the extension cannot be created.
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pg = op.get_bind().dialect.name == "postgresql"
    far = "'9999-12-31'::date" if pg else "'9999-12-31'"
    op.execute(f"CREATE INDEX ix_tasks_due_order ON tasks ((coalesce(deadline, {far})), id)")
    op.drop_index("ix_tasks_state_deadline", table_name="tasks")
    op.create_index("ix_tasks_state_deadline_closed", "tasks", ["state", "deadline", "closed_at"])
    if pg:
        bind = op.get_bind()
        sp = bind.begin_nested()
        try:
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            sp.commit()
        except Exception:  # no right to create extensions: search stays a scan
            sp.rollback()
            return
        op.execute("CREATE INDEX ix_tasks_title_trgm ON tasks USING gin (title gin_trgm_ops)")
        op.execute("CREATE INDEX ix_tasks_content_trgm ON tasks USING gin (content gin_trgm_ops)")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_tasks_title_trgm")
    op.execute("DROP INDEX IF EXISTS ix_tasks_content_trgm")
    op.drop_index("ix_tasks_state_deadline_closed", table_name="tasks")
    op.create_index("ix_tasks_state_deadline", "tasks", ["state", "deadline"])
    op.execute("DROP INDEX IF EXISTS ix_tasks_due_order")
