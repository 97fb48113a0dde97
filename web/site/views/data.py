"""Open data: the page describing the API, the change feed and the snapshot (``/data``), and
the newest snapshot's files (``/data/decisions.csv``, ``decisions.jsonl``, ``manifest.json``)
as the daily flow wrote them with :func:`gongkai.publication.snapshot.build_snapshot`."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, Response

from gongkai.publication.snapshot import CSV_COLUMNS, FILES, read_manifest

from ..deps import base_url, render

router = APIRouter()

MEDIA_TYPES = {
    "decisions.csv": "text/csv; charset=utf-8",
    "decisions.jsonl": "application/x-ndjson; charset=utf-8",
    "manifest.json": "application/json",
}


def snapshot_dir(request: Request) -> Path:
    return request.app.state.snapshot_dir


@router.get("/data", name="data")
def data_page(request: Request) -> Response:
    return render(
        request,
        "site/data.html",
        {
            "manifest": read_manifest(snapshot_dir(request)),
            "base": base_url(request),
            "csv_columns": CSV_COLUMNS,
        },
    )


@router.get("/data/{name}", name="data_file")
def data_file(request: Request, name: str) -> Response:
    if name not in FILES:
        raise HTTPException(404)
    path = snapshot_dir(request) / name
    if not path.is_file():
        raise HTTPException(404, "数据快照尚未生成。")
    headers = {}
    if name != "manifest.json":
        headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return FileResponse(path, media_type=MEDIA_TYPES[name], headers=headers)
