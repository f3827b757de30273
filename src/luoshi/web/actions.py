"""Which task actions to offer a user on a page (display only: the ledger services decide
and refuse), and the Chinese labels of event kinds."""

from __future__ import annotations

from luoshi.ledger.models import Task, User

LIVE = ("assigned", "accepted", "in_progress", "extension_requested", "review")
OFFICE = ("admin", "supervisor")

ACTION_LABELS = {
    "assign": "交办",
    "accept": "签收",
    "report": "反馈进展",
    "request_extension": "申请延期",
    "approve_extension": "同意延期",
    "refuse_extension": "不同意延期",
    "raise_problem": "反映问题",
    "resolve_problem": "解决问题",
    "urge": "催办",
    "submit_done": "报请办结",
    "verify": "复核办结",
    "reject": "退回重办",
    "cancel": "撤销",
    "set_deadline": "调整时限",
    "comment": "留言",
    "instruct": "领导批示",
    "add_milestone": "添加节点",
    "complete_milestone": "完成节点",
}

EVENT_LABELS = {
    **ACTION_LABELS,
    "imported": "导入拟办",
    "meeting_imported": "导入会议",
    "edit": "修改拟办",
    "create": "新建任务",
    "merge": "合并任务",
    "merged_into": "并入其他任务",
    "split": "拆分任务",
    "split_from": "由拆分产生",
    "drop": "不列为任务",
    "instruction": "领导批示",
    "remind": "系统提醒",
    "reminder": "系统提醒",
}


def allowed_actions(user: User, task: Task) -> list[str]:
    state = task.state
    units = {tu.unit_id for tu in task.units}
    lead = {tu.unit_id for tu in task.units if tu.role == "lead"}
    office = user.role in OFFICE
    mine = user.role == "liaison" and user.unit_id in units
    mine_lead = user.role == "liaison" and user.unit_id in lead
    out: list[str] = []
    # the decision the office is asked for comes first (it is the one shown open)
    if office and state == "draft":
        out.append("assign")
    if office and state == "review":
        out += ["verify", "reject"]
    if office and state == "extension_requested":
        out += ["approve_extension", "refuse_extension"]
    if office and state in LIVE:
        out.append("urge")
    if (office or mine) and state == "assigned":
        out.append("accept")
    if (office or mine) and state in ("assigned", "accepted", "in_progress"):
        out.append("report")
    if (office or mine_lead) and state in ("accepted", "in_progress"):
        out.append("submit_done")
    if (office or mine_lead) and state in ("assigned", "accepted", "in_progress"):
        out.append("request_extension")
    if (office or mine) and state in LIVE:
        out.append("raise_problem")
    if office and state in ("draft", *LIVE):
        out += ["set_deadline", "add_milestone", "cancel"]
    if user.role in ("leader", *OFFICE):
        out.append("instruct")
    if user.role != "viewer":
        out.append("comment")
    return out
