"""indexes for the web app's lists and dashboard

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21

- tasks(category, state): the dashboard's category breakdown as an index-only scan, and
  the ledger's category filter;
- tasks(assigned_at) and tasks(state, closed_at): the monthly trend counts each of the
  last twelve months as one index range;
- tasks(id, state, deadline): joins from task_units read a task's state and deadline
  from this narrow index instead of the table row (completion by unit: 100k lookups);
- tasks(updated_at): lists ordered by last change walk the index instead of sorting;
- task_units(role, unit_id, task_id): completion by lead unit walks the lead rows in unit
  order (no sort for GROUP BY unit) without reading the table.
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_tasks_category_state", "tasks", ["category", "state"])
    op.create_index("ix_tasks_assigned_at", "tasks", ["assigned_at"])
    op.create_index("ix_tasks_state_closed", "tasks", ["state", "closed_at"])
    op.create_index("ix_tasks_id_state_deadline", "tasks", ["id", "state", "deadline"])
    op.create_index("ix_tasks_updated_at", "tasks", ["updated_at"])
    op.create_index("ix_task_units_role_unit_task", "task_units", ["role", "unit_id", "task_id"])


def downgrade() -> None:
    op.drop_index("ix_task_units_role_unit_task", table_name="task_units")
    op.drop_index("ix_tasks_updated_at", table_name="tasks")
    op.drop_index("ix_tasks_id_state_deadline", table_name="tasks")
    op.drop_index("ix_tasks_state_closed", table_name="tasks")
    op.drop_index("ix_tasks_assigned_at", table_name="tasks")
    op.drop_index("ix_tasks_category_state", table_name="tasks")
