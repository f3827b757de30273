"""An uploaded or pasted document → a meeting record, with a clear reason when it is not
one. Nothing is written here: the ledger's import service does that in one transaction."""

from __future__ import annotations

from fastapi import UploadFile

from luoshi.extract import NotAMeeting, extract_document
from luoshi.record import MeetingRecord
from luoshi.text import InputError, read_bytes


class UploadRejected(Exception):
    def __init__(self, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.status = status


async def record_from_upload(file: UploadFile | None, text: str, limit: int) -> MeetingRecord:
    name = "粘贴的文本"
    if file is not None and file.filename:
        data = await file.read(limit + 1)
        name = file.filename
        if len(data) > limit:
            raise UploadRejected(
                f"文件过大：{name} 超过 {limit // (1024 * 1024)} MB 上限，未导入。", status=413
            )
        if not data.strip():
            raise UploadRejected(f"文件为空：{name}，未导入。")
    elif text.strip():
        data = text.encode("utf-8")
        if len(data) > limit:
            raise UploadRejected("粘贴的文本过长，未导入。", status=413)
    else:
        raise UploadRejected("请选择要导入的文件，或粘贴会议文稿。")
    try:
        doc = read_bytes(data, name)
        return extract_document(doc, require_meeting=True)
    except InputError as exc:
        raise UploadRejected(f"无法读取 {name}：{exc.reason}。支持 txt、html、docx、pdf。") from exc
    except NotAMeeting as exc:
        raise UploadRejected(
            f"{name} 不是会议文稿：未找到会议名称、参会人员或工作要求，未导入。"
        ) from exc
