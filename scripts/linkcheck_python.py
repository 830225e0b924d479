#!/usr/bin/env python3
"""linkcheck_python.py [-w WORKERS] [--timeout S] PAGE_URL... - the Python teaching checker,
the model that linkcheck replaces and scripts/bench_linkcheck measures it against: what the
course writes for "find the dead links of these pages".

Fetches each page with requests (one after another), extracts every <a href> with the
standard library's html.parser, resolves it with urljoin (against <base href> when there is
one), drops the fragment and duplicates, keeps the http(s) links to hosts other than their
page's (as linkcheck does by default), and checks them in a ThreadPoolExecutor of WORKERS
threads (default 100): requests.head(allow_redirects=True, timeout=S), then
requests.get(stream=True) when HEAD answers 405 or fails. The timeout (default 5 s) is
requests' own: per connect and per read, not a deadline for the whole check, and a failed
HEAD is tried again as a GET, so a link that never answers costs twice S.

Prints "url,status_or_error" per link on stdout (CSV, in order of first appearance; the
error is the exception's class name), and "linkcheck_python: N links from M pages in S s" on
stderr. Exit status: 0 every link answered below 400; 1 some did not; 2 usage, or a page
that could not be fetched. Needs the requests module."""
import argparse
import concurrent.futures
import csv
import html.parser
import sys
import time
import urllib.parse

import requests


class LinkParser(html.parser.HTMLParser):
    """Collects <a href> values and the first <base href>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs, self.base = [], None

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if href is None:
            return
        if tag == "a":
            self.hrefs.append(href)
        elif tag == "base" and self.base is None:
            self.base = href


def page_links(page_url, text):
    """The external http(s) links of one page, fragments dropped, in document order."""
    parser = LinkParser()
    parser.feed(text)
    parser.close()
    base = urllib.parse.urljoin(page_url, parser.base) if parser.base else page_url
    own_host = urllib.parse.urlsplit(page_url).netloc
    links = []
    for href in parser.hrefs:
        url, _ = urllib.parse.urldefrag(urllib.parse.urljoin(base, href.strip()))
        parts = urllib.parse.urlsplit(url)
        if parts.scheme in ("http", "https") and parts.netloc != own_host:
            links.append(url)
    return links


def check(url, timeout):
    """The link's status code as text, or the name of the error that stopped it."""
    try:
        r = requests.head(url, allow_redirects=True, timeout=timeout)
        if r.status_code != 405:
            return str(r.status_code)
    except requests.RequestException:
        pass
    try:
        with requests.get(url, stream=True, allow_redirects=True, timeout=timeout) as r:
            return str(r.status_code)
    except requests.RequestException as e:
        return type(e).__name__


def main():
    ap = argparse.ArgumentParser(description="the Python teaching link checker")
    ap.add_argument("-w", "--workers", type=int, default=100, help="threads (default 100)")
    ap.add_argument("--timeout", type=float, default=5.0, help="seconds (default 5)")
    ap.add_argument("pages", nargs="+", metavar="PAGE_URL")
    args = ap.parse_args()
    if args.workers < 1 or args.timeout <= 0:
        ap.error("-w takes a whole number from 1, --timeout a positive number")

    t0 = time.monotonic()
    seen, links = set(), []
    for page in args.pages:
        try:
            r = requests.get(page, timeout=args.timeout)
            r.raise_for_status()
        except requests.RequestException as e:
            print(f"linkcheck_python: {page}: {e}", file=sys.stderr)
            return 2
        for url in page_links(r.url, r.text):
            if url not in seen:
                seen.add(url)
                links.append(url)

    with concurrent.futures.ThreadPoolExecutor(max_workers=args.workers) as pool:
        results = list(pool.map(lambda u: check(u, args.timeout), links))
    seconds = time.monotonic() - t0

    out = csv.writer(sys.stdout, lineterminator="\n")
    broken = 0
    for url, result in zip(links, results):
        out.writerow([url, result])
        broken += not (result.isdigit() and int(result) < 400)
    print(f"linkcheck_python: {len(links)} links from {len(args.pages)} pages in "
          f"{seconds:.3f} s, {broken} broken", file=sys.stderr)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
