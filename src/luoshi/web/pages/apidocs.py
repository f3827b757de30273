"""/api/v1/docs: the API's endpoints rendered from its OpenAPI document (no CDN assets)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from luoshi.web.templating import render

router = APIRouter()


@router.get("/api/v1/docs")
def api_docs(request: Request) -> Response:
    spec = request.app.openapi()
    ops = [
        (method.upper(), path, op.get("summary") or "", op.get("description") or "",
         (op.get("tags") or [""])[0])
        for path, item in spec["paths"].items() for method, op in item.items()
    ]  # fmt: skip
    ops.sort(key=lambda o: (o[4], o[1], o[0]))
    return render(request, "apidocs.html", {"title": "API 文档", "ops": ops, "spec": spec})
