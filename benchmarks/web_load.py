"""Bounded read load against a loopback narrascope server: N concurrent GETs, then p50/p95 latency.

    python benchmarks/web_load.py --db demo.db            # starts `narrascope serve` on a free port
    python benchmarks/web_load.py --db demo.db --client httpx   # httpx's client (heavier) instead
    python benchmarks/web_load.py --url http://127.0.0.1:8000

Only loopback URLs are accepted; the request count is capped at 2000.
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: str) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    exe = Path(sys.executable).with_name("narrascope")
    cmd = [str(exe), "serve", "--db", db, "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/api/health", timeout=1).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.2)
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {proc.stderr.read().decode() if proc.stderr else ''}")
    proc.kill()
    raise SystemExit("server did not start within 60 s")


def targets(url: str) -> list[str]:
    """A mix of pages and their JSON twins over the stored articles."""
    items = httpx.get(url + "/api/articles", params={"limit": 20}, timeout=30).json()["items"]
    ids = [i["id"] for i in items] or ["0000000000000000"]
    paths = ["/", "/api/overview", "/articles", "/api/search?q=talks", "/search?q=kremlin"]
    for i in ids:
        paths += [f"/articles/{i}", f"/api/articles/{i}"]
    return paths


async def hit(client: httpx.AsyncClient, path: str) -> tuple[float, int | str]:
    t0 = time.perf_counter()
    try:
        resp = await client.get(path)
        status: int | str = resp.status_code
    except httpx.HTTPError as exc:
        status = type(exc).__name__
    return time.perf_counter() - t0, status


async def raw_get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str, path: str) -> int:
    """One HTTP/1.1 keep-alive GET on an open connection; the status code (the body is read, not kept)."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: text/html,application/json\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = dict(line.split(":", 1) for line in lines[1:] if ":" in line)
    length = next((v for k, v in headers.items() if k.lower() == "content-length"), None)
    if length is None:
        raise ConnectionError("response without Content-Length")
    await reader.readexactly(int(length))
    return status


async def load_raw(url: str, n: int, concurrency: int) -> tuple[list[float], list[int | str], float]:
    """The same closed loop with a minimal asyncio HTTP/1.1 client: ``concurrency`` keep-alive
    connections, each sending its next request when the last answer is read. httpx's client costs
    about three times the server's CPU per request, so on a shared 2-core machine it measures itself."""
    paths = targets(url)
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    lat: list[float] = []
    statuses: list[int | str] = []
    counter = iter(range(n))

    async def worker() -> None:
        reader, writer = await asyncio.open_connection(host, port)
        try:
            for i in counter:
                t0 = time.perf_counter()
                try:
                    status: int | str = await raw_get(reader, writer, parts.netloc, paths[i % len(paths)])
                except (OSError, ValueError, asyncio.IncompleteReadError) as exc:
                    status = type(exc).__name__
                    writer.close()
                    reader, writer = await asyncio.open_connection(host, port)
                lat.append(time.perf_counter() - t0)
                statuses.append(status)
        finally:
            writer.close()

    t0 = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return lat, statuses, time.perf_counter() - t0


async def load(url: str, n: int, concurrency: int) -> tuple[list[float], list[int | str], float]:
    paths = targets(url)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=60) as client:
        sem = asyncio.Semaphore(concurrency)

        async def one(i: int) -> tuple[float, int | str]:
            async with sem:
                return await hit(client, paths[i % len(paths)])

        t0 = time.perf_counter()
        results = await asyncio.gather(*(one(i) for i in range(n)))
        wall = time.perf_counter() - t0
    return [r[0] for r in results], [r[1] for r in results], wall


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--db", help="Database to serve (SQLite file or URL); a server is started for the run")
    src.add_argument("--url", help="A running loopback server, e.g. http://127.0.0.1:8000")
    ap.add_argument("-n", "--requests", type=int, default=200)
    ap.add_argument("-c", "--concurrency", type=int, default=200)
    ap.add_argument("--warm", action="store_true", help="Visit every target once before the burst (warm caches)")
    ap.add_argument(
        "--client",
        choices=("raw", "httpx"),
        default="raw",
        help="Load client: a minimal asyncio HTTP/1.1 one (default) or httpx's AsyncClient (heavier)",
    )
    args = ap.parse_args()
    n = min(max(1, args.requests), 2000)
    conc = min(args.concurrency, n)
    proc = None
    if args.db:
        proc, url = start_server(args.db)
    else:
        url = args.url.rstrip("/")
        if urlsplit(url).hostname not in LOOPBACK:
            raise SystemExit("only loopback servers (127.0.0.1, localhost, ::1) may be load-tested")
    try:
        if args.warm:
            for path in targets(url):  # each page once, as earlier visitors would have
                httpx.get(url + path, timeout=60)
        runner = load_raw if args.client == "raw" else load
        lat, statuses, wall = asyncio.run(runner(url, n, conc))
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(10)
    errors = [s for s in statuses if not (isinstance(s, int) and s < 400)]
    ms = sorted(x * 1000 for x in lat)
    p95 = ms[min(len(ms) - 1, round(0.95 * len(ms)) - 1)]
    state = "warm" if args.warm else "cold"
    print(f"{n} GET requests, {conc} concurrent, against {url} ({state} caches, {args.client} client)")
    print(f"errors: {len(errors)}" + (f" {sorted(set(map(str, errors)))}" if errors else ""))
    print(f"latency ms: p50 {statistics.median(ms):.0f}  p95 {p95:.0f}  max {ms[-1]:.0f}")
    print(f"wall {wall:.2f} s, {n / wall:.0f} requests/s")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
