"""The web service (issue #19): the real server on a loopback port, a real HTTP client. Every format
of the corpus gives the record `trichxuat extract` gives; concurrent requests are all answered (200,
or 503 with Retry-After); every hostile file gets its 4xx and the service keeps serving."""

from __future__ import annotations

import functools
import importlib.util
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.conftest import CORPORA, FIXTURES, SEED
from trichxuat import extract
from trichxuat.service import ServiceConfig, create_app

HOSTILE = FIXTURES / "hostile"


@functools.cache
def _large() -> dict[str, bytes]:
    """The hostile corpus's built files (its make.py)."""
    spec = importlib.util.spec_from_file_location("hostile_make", HOSTILE / "make.py")
    make = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make)
    return make.large()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Server:
    """uvicorn serving the app in a thread of the test process, on a loopback port."""

    def __init__(self, config: ServiceConfig):
        import uvicorn

        self.port = _free_port()
        self.server = uvicorn.Server(uvicorn.Config(create_app(config), host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self):
        self.thread.start()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url("/health"), timeout=2).json().get("ready"):
                    return self
            except (httpx.HTTPError, ValueError):
                pass
            time.sleep(0.3)
        raise RuntimeError("the service did not start")

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(30)


@pytest.fixture(scope="module")
def server():
    with _Server(ServiceConfig(workers=2, queue=4, timeout=120)) as s:
        yield s


FORMATS = [
    SEED["cualo"],  # text
    SEED["tuyphuoc"],  # Markdown
    CORPORA / "docs" / "luongminh-kh-mttq-2025-kiem-tra-giam-sat-bau-cu.htm",  # Word-saved HTML
    CORPORA / "dev-docs" / "laocai-sct-2242-kh-sct-2026.docx",  # DOCX
    CORPORA / "renderings" / "laocai-sct-2242-kh-sct-2026.lo-pdf.pdf",  # PDF
]


@pytest.mark.parametrize("path", FORMATS, ids=lambda p: p.suffix)
def test_every_format_gives_the_clis_record(server, path):
    with path.open("rb") as f:
        r = httpx.post(server.url("/extract"), files={"file": (path.name, f)}, timeout=300)
    assert r.status_code == 200, r.text
    got = r.json()
    want = extract(path).model_dump(mode="json")
    assert got["source"]["uri"] == path.name
    got["source"]["uri"] = want["source"]["uri"] = None
    assert got == want


def test_the_raw_body_and_include_text(server):
    data = SEED["backan"].read_bytes()
    r = httpx.post(server.url("/extract?include_text=true"), content=data, headers={"content-type": "text/plain", "x-filename": SEED["backan"].name}, timeout=120)
    assert r.status_code == 200
    record = r.json()
    assert record["number"]["raw"] == "182/KH-UBND" and record["text"]


def test_batch_gives_a_line_per_file_in_order(server):
    files = [("files", (SEED["cualo"].name, SEED["cualo"].read_bytes())), ("files", ("empty.txt", b"")),
             ("files", (SEED["backan"].name, SEED["backan"].read_bytes()))]
    r = httpx.post(server.url("/extract/batch"), files=files, timeout=300)
    assert r.status_code == 200
    import json

    lines = [json.loads(x) for x in r.text.splitlines()]
    assert [x.get("source", {}).get("uri") or x.get("file") for x in lines] == [SEED["cualo"].name, "empty.txt", SEED["backan"].name]
    assert lines[1]["status"] == 422 and "file is empty" in lines[1]["message"]


def test_schema_health_version_and_the_openapi_page(server):
    assert httpx.get(server.url("/schema")).json()["title"]
    health = httpx.get(server.url("/health")).json()
    assert health["ready"] and health["workers"] == 2
    assert httpx.get(server.url("/version")).json()["trichxuat"]
    assert "/extract" in httpx.get(server.url("/openapi.json")).json()["paths"]
    assert httpx.get(server.url("/docs")).status_code == 200
    page = httpx.get(server.url("/")).text
    assert "FormData" in page and "fetch('extract'" in page


HOSTILE_STATUS = {
    "empty.txt": 422, "binary.txt": 415, "truncated.pdf": 422, "encrypted.pdf": 422, "image-named.pdf": 415,
    "not-a-docx.docx": 422, "script-only.html": 422,
}


@pytest.mark.parametrize("name, status", sorted(HOSTILE_STATUS.items()))
def test_a_hostile_file_gets_its_4xx_and_the_next_request_succeeds(server, name, status):
    r = httpx.post(server.url("/extract"), files={"file": (name, (HOSTILE / name).read_bytes())}, timeout=120)
    assert r.status_code == status, r.text
    body = r.json()
    assert body["message"].startswith(name) and "Traceback" not in r.text
    ok = httpx.post(server.url("/extract"), files={"file": (SEED["cualo"].name, SEED["cualo"].read_bytes())}, timeout=120)
    assert ok.status_code == 200


def test_over_the_upload_limit_is_413():
    with _Server(ServiceConfig(workers=1, queue=1, max_upload_bytes=1000)) as s:
        r = httpx.post(s.url("/extract"), files={"file": ("big.txt", b"x" * 5000)}, timeout=60)
        assert r.status_code == 413 and "over the upload limit" in r.json()["message"]
        assert httpx.get(s.url("/health")).json()["ready"]


def test_forty_concurrent_requests_on_two_workers_are_all_answered(server):
    data = SEED["cualo"].read_bytes()

    def one(i: int):
        r = httpx.post(server.url("/extract"), files={"file": (f"plan-{i}.txt", data)}, timeout=600)
        return i, r.status_code, r.headers.get("retry-after"), (r.json().get("source") or {}).get("uri")

    with ThreadPoolExecutor(max_workers=40) as pool:
        results = list(pool.map(one, range(40)))
    assert len(results) == 40
    assert {s for _, s, _, _ in results} <= {200, 503}
    assert all(retry for _, s, retry, _ in results if s == 503)
    assert all(uri == f"plan-{i}.txt" for i, s, _, uri in results if s == 200)  # none mixed up, none duplicated
    assert sum(1 for _, s, _, _ in results if s == 200) >= 6  # the workers and the queue were used
    assert httpx.get(server.url("/health")).json()["queued"] == 0


def test_past_the_time_limit_is_504_and_the_service_recovers():
    """A plan with 100,000 bullets (the hostile corpus's) takes longer than a 2-second limit."""
    data = _large()["bullets-100000.txt"]
    with _Server(ServiceConfig(workers=1, queue=2, timeout=2)) as s:
        r = httpx.post(s.url("/extract"), files={"file": ("bullets.txt", data)}, timeout=120)
        assert r.status_code == 504 and "time limit" in r.json()["message"]
        ok = httpx.post(s.url("/extract"), files={"file": (SEED["cualo"].name, SEED["cualo"].read_bytes())}, timeout=120)
        assert ok.status_code == 200


def test_the_page_in_headless_chromium(server, tmp_path):
    """The page posts a document and shows its record (the document comes in the link:
    /#sample=<base64>, the page's way to carry an example; a drop goes through the same function)."""
    import base64
    import shutil
    import subprocess

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Chromium is not installed (apt-get install chromium); CI installs it")
    sample = base64.b64encode(SEED["cualo"].read_bytes()).decode()
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=30000", "--dump-dom"]
    dom = subprocess.run([chromium, *flags, server.url("/#sample=" + sample)], capture_output=True, text=True, timeout=180).stdout
    assert "record of sample.txt" in dom
    assert "Kế hoạch" in dom and '"schema_version": "1.0"' in dom


def test_the_large_hostile_files_get_their_4xx(server):
    """The hostile corpus's built files (its make.py): 2,000 pages, a zip bomb, HTML nested 10,002 deep."""
    large = _large()
    for name, words in (("pages-2000.pdf", "2000 pages"), ("zip-bomb.docx", "zip bomb"), ("nested-divs.html", "nested")):
        r = httpx.post(server.url("/extract"), files={"file": (name, large[name])}, timeout=300)
        assert r.status_code == 422 and words in r.json()["message"], (name, r.text[:200])
        assert httpx.post(server.url("/extract"), files={"file": (SEED["cualo"].name, SEED["cualo"].read_bytes())}, timeout=120).status_code == 200
