"""The web service (`trichxuat serve`): the batch's guarded worker processes behind HTTP.

A document is posted, written to a private temporary file, and extracted by one of a fixed number
of worker processes (the batch's: a time limit, a memory limit, a fresh process after a crash), so
one hostile upload cannot take the service down. A bounded queue in front of the workers answers
503 with Retry-After when it is full. Errors are JSON with the CLI's one-line message and an HTTP
status: 413 over the size limit, 415 a format not supported, 422 a file that cannot be read, 504
past the time limit; never a traceback.
"""

from __future__ import annotations

import asyncio
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI, File, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse

from .batch.jobs import Job
from .batch.worker import WorkerHandle, WorkerLimits
from .ingest.base import Limits, detect_format

# the file name suffix the extractor expects for each detected format
_SUFFIX = {"pdf": ".pdf", "docx": ".docx", "html": ".html", "markdown": ".md", "text": ".txt", "doc": ".doc", "zip": ".zip"}
_STATUS = {"UnsupportedFormatError": 415, "Timeout": 504, "MemoryLimit": 413}


@dataclass(frozen=True)
class ServiceConfig:
    workers: int = 2
    max_upload_bytes: int = 50 * 2**20  # an upload larger than this is refused (413) before it is read
    queue: int = 8  # requests that may wait for a worker; more get 503 with Retry-After
    timeout: float = 120.0  # seconds per document (504)
    max_memory_mb: int = 2048
    retry_after: int = 5  # seconds, in the 503's Retry-After


class Busy(Exception):
    """The queue is full."""


class Pool:
    """A fixed number of guarded worker processes, each used by one request at a time."""

    def __init__(self, config: ServiceConfig):
        self.config = config
        self.limits = WorkerLimits(timeout=config.timeout, max_memory_mb=config.max_memory_mb, ingest=Limits())
        self.handles: list[WorkerHandle] = []
        self.free: asyncio.Queue[WorkerHandle] | None = None
        self.waiting = 0
        self.ready = False

    async def start(self) -> None:
        self.free = asyncio.Queue()
        for _ in range(self.config.workers):
            h = WorkerHandle(self.limits)
            h.launch()
            self.handles.append(h)
        for h in self.handles:
            await asyncio.to_thread(h.wait_ready)
            self.free.put_nowait(h)
        self.ready = True

    def stop(self) -> None:
        for h in self.handles:
            h.stop()

    @property
    def queued(self) -> int:
        return self.waiting

    async def run(self, job: Job):
        assert self.free is not None
        if self.free.empty() and self.waiting >= self.config.queue:
            raise Busy()
        self.waiting += 1
        try:
            handle = await self.free.get()
        finally:
            self.waiting -= 1
        try:
            return await asyncio.to_thread(handle.run, job)
        finally:
            self.free.put_nowait(handle)


def _error(status: int, error: str, message: str, name: str | None = None, headers: dict | None = None):
    body: dict[str, Any] = {"error": error, "message": message}
    if name:
        body["file"] = name
    return JSONResponse(body, status_code=status, headers=headers)


async def extract_upload(pool: Pool, data: bytes, name: str, include_text: bool = False) -> tuple[int, dict | None, dict | None]:
    """(HTTP status, record, error body) for one uploaded document."""
    config = pool.config
    name = Path(name or "upload").name or "upload"
    if len(data) > config.max_upload_bytes:
        return 413, None, {"error": "TooLarge", "message": f"{name}: {len(data) / 2**20:.1f} MiB is over the upload limit ({config.max_upload_bytes / 2**20:.1f} MiB)", "file": name}
    if not data:
        return 422, None, {"error": "InputError", "message": f"{name}: file is empty (0 bytes)", "file": name}
    fmt = detect_format(data, name)
    if fmt == "text" and b"\x00" in data[:8192]:
        fmt = "binary"  # not a text document: a format the service does not read
    if fmt not in ("pdf", "docx", "html", "markdown", "text", "doc"):
        return 415, None, {"error": "UnsupportedFormatError", "message": f"{name}: is {'an' if fmt[0] in 'aeiou' else 'a'} {fmt} file, not a supported format (PDF, DOCX, DOC, HTML, Markdown, text)", "file": name}
    suffix = Path(name).suffix.lower() if Path(name).suffix.lower() in (".txt", ".md", ".html", ".htm", ".pdf", ".docx", ".doc") else _SUFFIX[fmt]
    with tempfile.TemporaryDirectory(prefix="trichxuat-serve-") as tmp:
        path = os.path.join(tmp, Path(name).stem[:100] + suffix)
        await asyncio.to_thread(Path(path).write_bytes, data)  # (not on the event loop: uploads may be large)
        try:
            out = await pool.run(Job(0, path, include_text=include_text))
        except Busy:
            return 503, None, {"error": "Busy", "message": f"all {config.workers} workers are busy and {config.queue} requests wait: retry later", "file": name}
    if out.ok:
        record = json.loads(out.record_json)
        record["source"]["uri"] = name
        return 200, record, None
    message = (out.message or "").replace(path, name).replace(tmp, "")
    status = _STATUS.get(out.error_type or "", 500 if out.error_type in ("InternalError", "WorkerCrashed") else 422)
    return status, None, {"error": out.error_type or "Error", "message": f"{name}: {message}", "stage": out.stage, "file": name}


PAGE = """<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>trichxuat</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:15px/1.5 system-ui,sans-serif;margin:0}header{background:#0d47a1;color:#fff;padding:12px 16px}
main{padding:16px;max-width:1100px;margin:auto}#drop{border:2px dashed #90a4ae;padding:32px;text-align:center;border-radius:8px}
#drop.over{background:#e3f2fd}pre{white-space:pre-wrap;background:#fafafa;border:1px solid #e0e0e0;padding:12px;font-size:.85rem}
.err{color:#b71c1c}</style></head><body><header><h1 style="margin:0;font-size:1.2rem">trichxuat</h1>
<p style="margin:2px 0 0;opacity:.85">Drop a plan (PDF, DOCX, HTML, Markdown, text): its record appears below.</p></header>
<main><div id="drop"><p>Drop a file here, or <input type="file" id="file"></p></div><p id="status"></p>
<h2 id="title"></h2><pre id="record"></pre><p>API: <a href="docs">OpenAPI page</a> · <a href="schema">record schema</a></p></main>
<script>
const drop=document.getElementById('drop'), st=document.getElementById('status');
async function send(file){st.textContent='extracting '+file.name+' …';st.className='';
 const fd=new FormData();fd.append('file',file);
 const r=await fetch('extract',{method:'POST',body:fd});const j=await r.json();
 if(!r.ok){st.textContent=j.message||('error '+r.status);st.className='err';return;}
 st.textContent='record of '+file.name;document.getElementById('title').textContent=(j.document_type&&j.document_type.name||'')+' '+(j.number&&j.number.raw||'')+' — '+(j.title||'');
 document.getElementById('record').textContent=JSON.stringify(j,null,2);}
drop.addEventListener('dragover',e=>{e.preventDefault();drop.classList.add('over');});
drop.addEventListener('dragleave',()=>drop.classList.remove('over'));
drop.addEventListener('drop',e=>{e.preventDefault();drop.classList.remove('over');if(e.dataTransfer.files[0])send(e.dataTransfer.files[0]);});
document.getElementById('file').addEventListener('change',e=>{if(e.target.files[0])send(e.target.files[0]);});
// a link can carry a small text document: /#sample=<base64 of its UTF-8> (sharing an example, checking the page)
if(location.hash.startsWith('#sample=')){const b=atob(decodeURIComponent(location.hash.slice(8)));
 const bytes=Uint8Array.from(b,c=>c.charCodeAt(0));send(new File([bytes],'sample.txt',{type:'text/plain'}));}
</script></body></html>"""


def create_app(config: ServiceConfig = ServiceConfig()):
    from contextlib import asynccontextmanager

    from . import __version__
    from .record import json_schema

    pool = Pool(config)

    @asynccontextmanager
    async def lifespan(app):
        await pool.start()
        try:
            yield
        finally:
            pool.stop()

    app = FastAPI(title="trichxuat", version=__version__, lifespan=lifespan,
                  description="Vietnamese government plans → validated JSON records. The same records as `trichxuat extract`.")
    app.state.pool = pool

    def respond(status: int, record: dict | None, error: dict | None):
        if record is not None:
            return JSONResponse(record)
        headers = {"Retry-After": str(config.retry_after)} if status == 503 else None
        return JSONResponse(error, status_code=status, headers=headers)

    @app.post("/extract", summary="Extract one document (multipart field `file`, or the raw body with its content type)")
    async def extract(request: Request, include_text: bool = Query(False, description="add the normalized text to the record")):
        ctype = request.headers.get("content-type", "")
        if ctype.startswith("multipart/form-data"):
            form = await request.form()
            upload = form.get("file")
            if upload is None or not hasattr(upload, "read"):
                return _error(422, "InputError", "a multipart request needs a field named `file`")
            data, name = await upload.read(), upload.filename or "upload"
        else:
            length = int(request.headers.get("content-length") or 0)
            if length > config.max_upload_bytes:
                return _error(413, "TooLarge", f"{length / 2**20:.1f} MiB is over the upload limit ({config.max_upload_bytes / 2**20:.1f} MiB)")
            data = await request.body()
            name = request.headers.get("x-filename") or {"application/pdf": "upload.pdf", "text/html": "upload.html", "text/markdown": "upload.md",
                                                          "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "upload.docx"}.get(ctype.split(";")[0].strip(), "upload.txt")
        return respond(*await extract_upload(pool, data, name, include_text))

    @app.post("/extract/batch", summary="Several documents in one multipart request: JSON Lines, a record or an error per file, in order")
    async def extract_batch(files: list[UploadFile] = File(...)):
        lines = []
        for upload in files:
            status, record, error = await extract_upload(pool, await upload.read(), upload.filename or "upload")
            lines.append(json.dumps(record if record is not None else {**error, "status": status}, ensure_ascii=False))
        return PlainTextResponse("\n".join(lines) + "\n", media_type="application/x-ndjson")

    @app.get("/schema", summary="The record's JSON Schema")
    async def schema():
        return JSONResponse(json_schema())

    @app.get("/health", summary="Ready or not, and the queue's length")
    async def health():
        return {"ready": pool.ready, "workers": config.workers, "queued": pool.queued, "queue_limit": config.queue}

    @app.get("/version")
    async def version():
        return {"trichxuat": __version__}

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def page():
        return HTMLResponse(PAGE)

    return app
