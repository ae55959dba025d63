"""Load a page in the real Chromium over a simulated weak mobile network, with an empty cache.

Each load gets a fresh browser context (no cache, no cookies), a phone-sized viewport and CDP
network throttling. What was fetched comes from the bench server's own log (helpsite/bench/
server.py); the browser reports first contentful paint and which files blocked rendering
(Resource Timing's renderBlockingStatus), so the critical path is the browser's own view.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..patterns import CHROMIUM
from ..patterns import CHROMIUM_ARGS as BASE_ARGS
from .server import BenchServer, Served

# Nothing may leave the machine: any other host fails at once, without a DNS query.
CHROMIUM_ARGS = [*BASE_ARGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
QUIET_S = 1.0          # nothing more for this long after the last response arrived: the page is done
TIMEOUT_MS = 180_000


@dataclass(frozen=True)
class NetworkProfile:
    name: str
    latency_ms: int        # added to every request (round trip)
    down_kbit: int         # kbit/s (1000 bit)
    up_kbit: int

    def describe(self) -> str:
        return f"{self.name}: {self.latency_ms} ms latency, {self.down_kbit} kbit/s down, {self.up_kbit} kbit/s up"

    def cdp(self) -> dict:
        return {"offline": False, "latency": self.latency_ms,
                "downloadThroughput": self.down_kbit * 1000 / 8, "uploadThroughput": self.up_kbit * 1000 / 8}


# A prepaid phone with a weak signal: each request waits 400 ms, and 400 kbit/s moves ~50 kB/s.
WEAK_MOBILE = NetworkProfile("weak-mobile", 400, 400, 400)
VIEWPORT = {"width": 360, "height": 740}


@dataclass
class PageLoad:
    path: str
    responses: list[Served]
    fcp_ms: float | None
    blocking: list[str]                 # URL paths the browser marked render-blocking
    external: list[str] = field(default_factory=list)   # attempted requests to other hosts
    after_action: list[Served] = field(default_factory=list)


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


FCP_JS = """() => { const e = performance.getEntriesByName("first-contentful-paint")[0];
                    return e ? e.startTime : null; }"""
BLOCKING_JS = """() => performance.getEntriesByType("resource")
                   .filter(e => e.renderBlockingStatus === "blocking").map(e => new URL(e.name).pathname)"""


def _settle(server: BenchServer, profile: NetworkProfile, since: float) -> None:
    """Wait until the page has stopped fetching: QUIET_S after the browser can have received the
    last response the server sent.

    The server's log is the only complete record (the browser's own events miss some requests
    of workers and module imports). The server sends at full speed and the throttled browser
    receives later, so the wait allows for the latency plus every byte sent since `since` at the
    profile's speed: an upper bound, so a follow-up request cannot be missed.
    """
    rate = profile.down_kbit * 1000 / 8
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        log = server.peek()
        sent = sum(r.sent for r in log if r.at >= since)
        last = max([since] + [r.at for r in log])
        received = max(last, since + sent / rate) + profile.latency_ms / 1000
        if time.monotonic() >= received + QUIET_S:
            return
        time.sleep(0.05)
    raise TimeoutError("the page kept loading")


def load(browser, server: BenchServer, path: str, profile: NetworkProfile = WEAK_MOBILE, action=None) -> PageLoad:
    """Open `path` (e.g. 'hjalp/') with an empty cache; then, if given, run `action(page)`."""
    context = browser.new_context(viewport=VIEWPORT, is_mobile=True, has_touch=True, device_scale_factor=2,
                                  service_workers="block")
    external: list[str] = []

    def started(request):
        if urlsplit(request.url).scheme in ("http", "https") and urlsplit(request.url).hostname != "127.0.0.1":
            external.append(request.url)

    context.on("request", started)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", profile.cdp())
        server.take()
        start = time.monotonic()
        page.goto(f"{server.origin}/{path}", wait_until="load", timeout=TIMEOUT_MS)
        _settle(server, profile, start)
        fcp = page.evaluate(FCP_JS)
        blocking = page.evaluate(BLOCKING_JS)
        first = server.take()
        after: list[Served] = []
        if action:
            start = time.monotonic()
            action(page)
            _settle(server, profile, start)
            after = server.take()
        return PageLoad(path, first, fcp, blocking, external, after)
    finally:
        context.close()
