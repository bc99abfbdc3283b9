"""Polite HTTP: robots.txt, a per-host rate limit, retries with backoff and Retry-After, timeouts,
a size cap, redirects only within allowed hosts, no cookies kept. Every outcome is a FetchResult,
never an exception, so that a crawl can record it and go on.
"""

from __future__ import annotations

import email.utils
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego

from .. import __version__

RETRY_STATUS = {429, 500, 502, 503, 504}


@dataclass(frozen=True)
class FetchPolicy:
    delay: float = 2.0  # seconds between two requests to one host (robots.txt Crawl-delay wins if longer)
    retries: int = 3  # attempts after the first, on 429, 5xx and network errors
    backoff: float = 2.0  # first wait; doubles each retry (Retry-After wins when the server sends one)
    max_wait: float = 300.0  # longest Retry-After honoured; longer is recorded as a failure
    timeout: float = 30.0  # connect and read, seconds
    max_bytes: int = 50 * 1024 * 1024  # a response larger than this is cut and recorded as a failure
    max_redirects: int = 5
    contact: str | None = None  # an e-mail or URL for the User-Agent, so operators can reach you
    obey_robots: bool = True

    @property
    def user_agent(self) -> str:
        ua = f"trichxuat/{__version__} (research crawler for Vietnamese public plans; +https://pypi.org/project/trichxuat/"
        return ua + (f"; {self.contact})" if self.contact else ")")


@dataclass
class FetchResult:
    url: str
    final_url: str | None = None
    status: int | None = None
    content_type: str | None = None
    body: bytes | None = None
    etag: str | None = None
    last_modified: str | None = None
    attempts: int = 0
    error: str | None = None  # why there is no usable body; None when fetched
    not_modified: bool = False
    retry_after: float | None = None  # seconds the server asked us to wait (429/503)

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class _Host:
    last: float = 0.0
    robots: Protego | None = None
    robots_error: str | None = None
    crawl_delay: float = 0.0


class Fetcher:
    def __init__(self, policy: FetchPolicy, allowed_hosts: set[str], transport: httpx.BaseTransport | None = None):
        self.policy = policy
        self.allowed_hosts = {h.lower() for h in allowed_hosts}
        self.client = httpx.Client(
            follow_redirects=False,
            timeout=httpx.Timeout(policy.timeout),
            headers={"User-Agent": policy.user_agent, "Accept-Language": "vi,en;q=0.5"},
            transport=transport,
            trust_env=False,  # no credentials from .netrc or proxies from the environment
        )
        self.hosts: dict[str, _Host] = {}
        self.requests = 0
        self.sleep = time.sleep

    def close(self) -> None:
        self.client.close()

    # -- politeness ------------------------------------------------------------------------------

    def _host(self, url: str) -> _Host:
        return self.hosts.setdefault(urlsplit(url).netloc.lower(), _Host())

    def _wait_turn(self, url: str) -> None:
        host = self._host(url)
        gap = max(self.policy.delay, host.crawl_delay)
        wait = host.last + gap - time.monotonic()
        if wait > 0:
            self.sleep(wait)
        host.last = time.monotonic()

    def allowed_by_robots(self, url: str) -> tuple[bool, str | None]:
        """(allowed, reason). robots.txt is fetched once per host, per RFC 9309: a 4xx means no
        rules; a 5xx or a network failure means the whole host is off limits for this run."""
        if not self.policy.obey_robots:
            return True, None
        host = self._host(url)
        if host.robots is None and host.robots_error is None:
            parts = urlsplit(url)
            res = self._get(f"{parts.scheme}://{parts.netloc}/robots.txt", retries=1)
            # protego implements RFC 9309 (`*` and `$` in paths, the longest match wins), which
            # urllib.robotparser does not
            rp = None
            if res.ok and res.status == 200:
                rp = Protego.parse(res.body.decode("utf-8", "replace"))
                delay = rp.crawl_delay("trichxuat") or rp.crawl_delay("*")
                host.crawl_delay = float(delay or 0)
            elif res.status is not None and 400 <= res.status < 500:
                rp = Protego.parse("")
            else:
                host.robots_error = f"robots.txt unreachable ({res.error}); the host is skipped"
            if host.robots_error is None:
                host.robots = rp
        if host.robots_error:
            return False, host.robots_error
        if not host.robots.can_fetch(url, "trichxuat"):
            return False, "disallowed by robots.txt"
        return True, None

    # -- fetching --------------------------------------------------------------------------------

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        allowed, why = self.allowed_by_robots(url)
        if not allowed:
            return FetchResult(url, error=why)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._get(url, headers=headers)

    def _get(self, url: str, headers: dict | None = None, retries: int | None = None) -> FetchResult:
        retries = self.policy.retries if retries is None else retries
        result = FetchResult(url)
        for attempt in range(retries + 1):
            result = self._follow(url, headers or {})
            result.attempts = attempt + 1
            transient = result.status in RETRY_STATUS or (result.status is None and result.error and result.error.startswith("network"))
            if not transient or attempt == retries:
                break
            wait = result.retry_after if result.retry_after is not None else self.policy.backoff * 2**attempt
            if wait > self.policy.max_wait:
                result.error += f"; the server asked to wait {wait:.0f} s, more than --max-wait {self.policy.max_wait:.0f} s"
                break
            self.sleep(wait)
        if result.error and result.attempts > 1:
            result.error += f" (after {result.attempts} attempts)"
        return result

    def _follow(self, url: str, headers: dict) -> FetchResult:
        current = url
        for _ in range(self.policy.max_redirects + 1):
            host = urlsplit(current).netloc.lower()
            if urlsplit(current).scheme not in ("http", "https"):
                return FetchResult(url, final_url=current, error=f"not an http(s) URL: {current}")
            if host not in self.allowed_hosts:
                return FetchResult(url, final_url=current, error=f"redirect to another host refused: {host}")
            self._wait_turn(current)
            res = self._request(url, current, headers)
            if res.status in (301, 302, 303, 307, 308) and res.error is None:
                current = urljoin(current, res.final_url or "")
                continue
            return res
        return FetchResult(url, final_url=current, error=f"more than {self.policy.max_redirects} redirects")

    def _request(self, url: str, current: str, headers: dict) -> FetchResult:
        self.requests += 1
        try:
            with self.client.stream("GET", current, headers=headers) as r:
                self.client.cookies.clear()  # nothing a site sets is kept or sent back
                res = FetchResult(
                    url, final_url=current, status=r.status_code, content_type=r.headers.get("content-type"),
                    etag=r.headers.get("etag"), last_modified=r.headers.get("last-modified"),
                )
                if r.status_code in (301, 302, 303, 307, 308):
                    res.final_url = r.headers.get("location")
                    if not res.final_url:
                        res.error = f"HTTP {r.status_code} without a Location"
                    return res
                if r.status_code == 304:
                    res.not_modified = True
                    return res
                if r.status_code != 200:
                    res.error = f"HTTP {r.status_code}"
                    if r.status_code in (429, 503):
                        res.retry_after = _retry_after(r.headers.get("retry-after"))
                    return res
                declared = r.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > self.policy.max_bytes:
                    res.error = f"response too large ({int(declared):,} bytes declared > limit {self.policy.max_bytes:,}); not downloaded"
                    return res
                chunks, size = [], 0
                for chunk in r.iter_bytes():
                    size += len(chunk)
                    if size > self.policy.max_bytes:
                        res.error = f"response too large (more than the limit of {self.policy.max_bytes:,} bytes); cut and discarded"
                        return res
                    chunks.append(chunk)
                res.body = b"".join(chunks)
                return res
        except httpx.TimeoutException as e:
            return FetchResult(url, final_url=current, error=f"network: timed out ({type(e).__name__})")
        except httpx.HTTPError as e:
            return FetchResult(url, final_url=current, error=f"network: {type(e).__name__}: {e}")


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
