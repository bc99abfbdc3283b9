"""The web service against the batch, on the same files in the same run (issue #19).

    python benchmarks/service.py [--requests 40] [--concurrency 8]

For text uploads (a corpus plan) and PDF uploads (a born-digital corpus plan), at 1 and 2 workers:
requests per second and latency percentiles (p50, p90, p99) of `trichxuat serve` on a loopback port,
and `trichxuat batch` over the same number of copies of the same file; the ratio service/batch is
printed (the cost of HTTP, uploads and the queue). Needs no network beyond loopback.
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
FILES = {
    "text": ROOT / "corpora" / "seeds" / "cualo-kh-ubnd-2024-tieu-du-an-1.txt",
    "pdf": ROOT / "corpora" / "renderings" / "laocai-sct-2242-kh-sct-2026.lo-pdf.pdf",
}


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def service(path: Path, workers: int, requests: int, concurrency: int) -> dict[str, float]:
    import uvicorn

    from trichxuat.service import ServiceConfig, create_app

    port = _port()
    server = uvicorn.Server(uvicorn.Config(create_app(ServiceConfig(workers=workers, queue=10_000)), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    while True:
        try:
            if httpx.get(url + "/health", timeout=2).json().get("ready"):
                break
        except (httpx.HTTPError, ValueError):
            time.sleep(0.2)
    data = path.read_bytes()

    def one(i: int) -> float:
        t0 = time.perf_counter()
        r = httpx.post(url + "/extract", files={"file": (f"{i}-{path.name}", data)}, timeout=600)
        r.raise_for_status()
        return time.perf_counter() - t0

    t0 = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        latencies = list(pool.map(one, range(requests)))
    wall = time.perf_counter() - t0
    server.should_exit = True
    thread.join(30)
    return {"rps": requests / wall, "p50": _percentile(latencies, 0.5), "p90": _percentile(latencies, 0.9), "p99": _percentile(latencies, 0.99)}


def batch(path: Path, workers: int, copies: int) -> float:
    """Documents per second of `trichxuat batch` over ``copies`` copies of the file (start-up included)."""
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(copies):
            (Path(tmp) / f"{i}-{path.name}").write_bytes(path.read_bytes())
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "trichxuat.cli", "batch", tmp, "-o", str(Path(tmp) / "out.jsonl"), "--workers", str(workers),
                        "--no-progress"], check=True, capture_output=True)
        return copies / (time.perf_counter() - t0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=40)
    ap.add_argument("--concurrency", type=int, default=8)
    args = ap.parse_args()
    print(f"{'upload':<6} {'workers':>7} {'service req/s':>14} {'p50 s':>7} {'p90 s':>7} {'p99 s':>7} {'batch docs/s':>13} {'service/batch':>14}")
    for kind, path in FILES.items():
        for workers in (1, 2):
            s = service(path, workers, args.requests, args.concurrency)
            b = batch(path, workers, args.requests)
            print(f"{kind:<6} {workers:>7} {s['rps']:>14.2f} {s['p50']:>7.2f} {s['p90']:>7.2f} {s['p99']:>7.2f} {b:>13.2f} {s['rps'] / b:>14.2f}")


if __name__ == "__main__":
    main()
