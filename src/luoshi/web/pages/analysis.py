"""Corpus analysis (`luoshi serve --analysis DIR`): the tables `luoshi.analysis` computes
over the Parquet output of `luoshi batch`."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from luoshi.ledger.queries_web import require_meeting_reader
from luoshi.web.deps import Actor
from luoshi.web.templating import render

router = APIRouter()


@router.get("/analysis")
def analysis_page(request: Request, user: Actor) -> Response:
    require_meeting_reader(user)
    directory = request.app.state.settings.analysis_dir
    return render(request, "analysis.html", {"active": "analysis", "title": "语料分析",
                                             "directory": directory, "tables": None})  # fmt: skip
