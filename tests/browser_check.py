"""Load every page of the built site in headless Chromium and check it.

``make browser-test`` runs this after ``make html``. It serves
``_build/html`` on a free port of 127.0.0.1 and, with Playwright driving
Debian's ``/usr/bin/chromium``, checks on every page that

- no request leaves localhost (any other request is blocked and counted),
- the console shows no error and the page raises no exception,
- every equation was typeset by the local MathJax (no raw TeX left),
- every image loaded,

then that the search page finds "eigenvector", and saves screenshots of
the front page and the digits chapter, light and dark, in
``_build/screenshots``. It exits non-zero on any failure, and when no
Chromium is installed (``--skip-without-browser`` turns that into a
plainly printed skip, for ``make test`` on a machine without one).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
SCREENSHOT_PAGES = {
    "front": "index.html",
    "digits": "networks/digits.html",
}
MATH_CHECK = """() => {
  const maths = Array.from(document.querySelectorAll(
    'div.math, span.math'));
  const raw = maths.filter(m => !m.querySelector('mjx-container'));
  return {total: maths.length,
          raw: raw.slice(0, 3).map(m => m.textContent.slice(0, 60))};
}"""
IMAGE_CHECK = """() => Array.from(document.images)
  .filter(img => !(img.complete && img.naturalWidth > 0))
  .map(img => img.getAttribute('src'))"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def site_pages(html: Path) -> list[str]:
    pages = []
    for path in sorted(html.rglob("*.html")):
        relative = path.relative_to(html).as_posix()
        if relative.startswith(("_static/", "_sources/", "_images/")):
            continue
        pages.append(relative)
    return pages


def is_local(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme in ("data", "blob", "about"):
        return True
    return parsed.hostname in ("127.0.0.1", "localhost")


def wait_for_mathjax(page) -> None:
    page.wait_for_function(
        "() => !window.MathJax || (window.MathJax.startup &&"
        " window.MathJax.startup.promise)",
        timeout=15000,
    )
    page.evaluate(
        "() => window.MathJax && window.MathJax.startup"
        " ? window.MathJax.startup.promise : null"
    )


def check_site(html: Path, screenshots: Path) -> list[str]:
    from playwright.sync_api import sync_playwright

    failures: list[str] = []
    blocked: list[str] = []
    console_errors: list[str] = []
    requests = 0
    server, base = serve(html)
    pages = site_pages(html)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
            )
            context = browser.new_context(viewport={"width": 1280,
                                                    "height": 900})

            def route(route_, request) -> None:
                nonlocal requests
                requests += 1
                if is_local(request.url):
                    route_.continue_()
                else:
                    blocked.append(request.url)
                    route_.abort()

            context.route("**/*", route)
            page = context.new_page()
            current = {"name": ""}
            page.on(
                "console",
                lambda message: console_errors.append(
                    f"{current['name']}: {message.text}"
                )
                if message.type == "error"
                else None,
            )
            page.on(
                "pageerror",
                lambda error: console_errors.append(
                    f"{current['name']}: {error}"
                ),
            )
            math_total = 0
            for name in pages:
                current["name"] = name
                page.goto(base + name, wait_until="load")
                wait_for_mathjax(page)
                maths = page.evaluate(MATH_CHECK)
                math_total += maths["total"]
                if maths["raw"]:
                    failures.append(
                        f"{name}: equations not typeset: {maths['raw']}"
                    )
                broken = page.evaluate(IMAGE_CHECK)
                if broken:
                    failures.append(f"{name}: images not loaded: {broken}")

            current["name"] = "search.html"
            page.goto(base + "search.html?q=eigenvector", wait_until="load")
            try:
                page.wait_for_selector(
                    "#search-results li", timeout=15000
                )
                hits = page.locator("#search-results li").count()
            except Exception:  # noqa: BLE001 - a timeout means no hits
                hits = 0
            if hits == 0:
                failures.append('search page finds nothing for "eigenvector"')

            screenshots.mkdir(parents=True, exist_ok=True)
            shots = []
            for label, name in SCREENSHOT_PAGES.items():
                if not (html / name).is_file():
                    failures.append(f"no page {name} to screenshot")
                    continue
                for mode in ("light", "dark"):
                    current["name"] = name
                    page.goto(base + name, wait_until="load")
                    page.evaluate(
                        "mode => { localStorage.setItem('mode', mode);"
                        " localStorage.setItem('theme', mode);"
                        " document.documentElement.dataset.mode = mode;"
                        " document.documentElement.dataset.theme = mode; }",
                        mode,
                    )
                    wait_for_mathjax(page)
                    target = screenshots / f"{label}-{mode}.png"
                    page.screenshot(path=str(target))
                    shots.append(target.relative_to(ROOT).as_posix())
            browser.close()
    finally:
        server.shutdown()

    if blocked:
        failures.append(
            f"{len(blocked)} request(s) to other hosts: "
            f"{sorted(set(blocked))[:5]}"
        )
    if console_errors:
        failures.append(
            f"{len(console_errors)} console error(s): {console_errors[:5]}"
        )
    print(
        f"browser test: {len(pages)} pages loaded, {requests} requests, "
        f"{len(blocked)} to other hosts, {len(console_errors)} console "
        f"errors, {math_total} equations typeset, search hits for "
        f"'eigenvector': {hits}"
    )
    print("screenshots: " + ", ".join(shots))
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, default=ROOT / "_build/html")
    parser.add_argument(
        "--screenshots", type=Path, default=ROOT / "_build/screenshots"
    )
    parser.add_argument("--skip-without-browser", action="store_true")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        message = f"no Chromium at {CHROMIUM} (apt-get install chromium)"
        if args.skip_without_browser:
            print(f"SKIPPED the browser test: {message}")
            return 0
        print(f"browser test FAILED: {message}")
        return 1
    if not (args.html / "index.html").is_file():
        print(f"browser test FAILED: no site in {args.html}; run make html")
        return 1
    failures = check_site(args.html, args.screenshots)
    for failure in failures:
        print(f"FAIL: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
