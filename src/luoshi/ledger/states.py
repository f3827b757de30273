"""The task state machine: states, their Chinese labels and the legal transitions.

Transitions are named by the action that causes them; `check(action, state)` is the one
place a service asks whether an action is allowed in a state.
"""

from __future__ import annotations

from enum import StrEnum

from luoshi.ledger.errors import InvalidTransition


class TaskState(StrEnum):
    DRAFT = "draft"  # 拟办: proposed by import, under review
    ASSIGNED = "assigned"  # 已交办
    ACCEPTED = "accepted"  # 已签收
    IN_PROGRESS = "in_progress"  # 办理中
    EXTENSION_REQUESTED = "extension_requested"  # 申请延期
    REVIEW = "review"  # 待复核: the unit reports it done, the office verifies
    DONE = "done"  # 已办结
    CANCELLED = "cancelled"  # 已撤销 (with a reason)


LABELS: dict[str, str] = {
    "draft": "拟办",
    "assigned": "已交办",
    "accepted": "已签收",
    "in_progress": "办理中",
    "extension_requested": "申请延期",
    "review": "待复核",
    "done": "已办结",
    "cancelled": "已撤销",
}

S = TaskState
LIVE = (S.ASSIGNED, S.ACCEPTED, S.IN_PROGRESS, S.EXTENSION_REQUESTED, S.REVIEW)
"""States in which a task is running against its deadline (can be overdue)."""
CLOSED = (S.DONE, S.CANCELLED)

# action -> (states it may start from, state it leads to; None = depends, see service)
TRANSITIONS: dict[str, tuple[tuple[TaskState, ...], TaskState | None]] = {
    "edit": ((S.DRAFT,), S.DRAFT),
    "merge": ((S.DRAFT,), S.DRAFT),
    "split": ((S.DRAFT,), S.DRAFT),
    "drop": ((S.DRAFT,), S.CANCELLED),
    "assign": ((S.DRAFT,), S.ASSIGNED),
    "accept": ((S.ASSIGNED,), S.ACCEPTED),
    "report": ((S.ASSIGNED, S.ACCEPTED, S.IN_PROGRESS), S.IN_PROGRESS),
    "request_extension": ((S.ASSIGNED, S.ACCEPTED, S.IN_PROGRESS), S.EXTENSION_REQUESTED),
    "approve_extension": ((S.EXTENSION_REQUESTED,), None),  # back to the state before
    "refuse_extension": ((S.EXTENSION_REQUESTED,), None),
    "submit_done": ((S.ACCEPTED, S.IN_PROGRESS), S.REVIEW),
    "verify": ((S.REVIEW,), S.DONE),
    "reject": ((S.REVIEW,), S.IN_PROGRESS),
    "cancel": ((S.DRAFT, *LIVE), S.CANCELLED),
    "urge": (LIVE, None),  # no state change
    "raise_problem": ((*LIVE,), None),
    "set_deadline": ((S.DRAFT, *LIVE), None),
}


def check(action: str, state: str) -> TaskState | None:
    """Return the target state of `action` from `state`, or raise InvalidTransition."""
    sources, target = TRANSITIONS[action]
    if TaskState(state) not in sources:
        allowed = "、".join(LABELS[s] for s in sources)
        raise InvalidTransition(
            f"cannot {action} a task in state {state} ({LABELS[state]}); allowed from: {allowed}"
        )
    return target
