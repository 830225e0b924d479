#!/usr/bin/env python3
"""fetch_python.py MODE URLS_FILE CONCURRENCY - the Python baselines a user would write for
"request many URLs at once", as the teaching code did:
  threads   concurrent.futures.ThreadPoolExecutor(CONCURRENCY) around requests.get
  asyncio   aiohttp: one ClientSession, at most CONCURRENCY requests in flight
Prints one line: seconds=S ok=N failed=M (S: the requests alone, interpreter start-up and
imports left out, as fetch's own figure leaves out its start-up)."""
import sys
import time


def with_threads(urls, workers):
    import concurrent.futures
    import requests

    def get(url):
        try:
            return requests.get(url, timeout=30).status_code
        except requests.RequestException:
            return 0

    t0 = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        codes = list(pool.map(get, urls))
    return time.monotonic() - t0, codes


def with_asyncio(urls, limit):
    import asyncio
    import aiohttp

    async def main():
        timeout = aiohttp.ClientTimeout(total=30)
        connector = aiohttp.TCPConnector(limit=limit)
        async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
            async def get(url):
                try:
                    async with session.get(url) as r:
                        await r.read()
                        return r.status
                except (aiohttp.ClientError, asyncio.TimeoutError):
                    return 0
            return await asyncio.gather(*(get(u) for u in urls))

    t0 = time.monotonic()
    codes = asyncio.run(main())
    return time.monotonic() - t0, codes


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("threads", "asyncio"):
        sys.exit(__doc__)
    with open(sys.argv[2]) as f:
        urls = [line.strip() for line in f if line.strip()]
    run = with_threads if sys.argv[1] == "threads" else with_asyncio
    seconds, codes = run(urls, int(sys.argv[3]))
    ok = sum(1 for c in codes if 200 <= c < 400)
    print(f"seconds={seconds:.6f} ok={ok} failed={len(codes) - ok}")


if __name__ == "__main__":
    main()
