"""Load every page of the built site in headless Chromium and check it.

``make browser-test`` runs this after ``make html``. It serves
``_build/html`` on a free port of 127.0.0.1 and, with Playwright driving
Debian's ``/usr/bin/chromium``, checks on every page that

- no request leaves localhost (any other request is blocked and counted),
- the console shows no error and the page raises no exception,
- every equation was typeset by the local MathJax (no raw TeX left),
- every image loaded and has real alt text (not missing, empty, a file
  path or a hash),
- axe-core (the copy bundled by the axe-playwright-python wheel, injected
  from disk) finds no violation of the WCAG 2.1 A and AA rules, in light
  and in dark mode,
- at 390 px (a phone) the page is no wider than the viewport, and at 390
  and 1280 px no display equation is cut off (one that needs scrolling at
  1280 px is listed, for its chapter to break it over lines),

then that at 390 px the buttons "Toggle primary sidebar" and "Toggle
secondary sidebar" open the contents and close again (and at 1280 px the
first one collapses the sidebar), that the search page finds
"eigenvector" with a chapter first and snippets of chapter text (no
theme menus, no TeX), and that the site's links to its PDF and EPUB
serve the files where they have been built. It saves screenshots of the
front page, the digits chapter and the API page at 390 and 1280 px,
light and dark, with the navigation open, in ``_build/screenshots``. It
exits non-zero on any failure, and when no Chromium is installed
(``--skip-without-browser`` turns that into a plainly printed skip, for
``make browser-test`` on a machine without one).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import queue
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
# axe-core over every page in light and dark mode is most of the run time
# (about 10 s on a page of equations); --no-axe leaves it out.
RUN_AXE = True
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
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SCREENSHOT_PAGES = {
    "front": "index.html",
    "digits": "networks/digits.html",
    "api": "appendix/api.html",
}
# The pages that test the sidebar buttons at 390 px.
TOGGLE_PAGES = ["index.html", "networks/digits.html"]
# The WCAG 2.1 A and AA rules of axe-core.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SEARCH_QUERY = "eigenvector"
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
# An image without alt text, or whose alt text names a file or a hash.
ALT_CHECK = r"""() => {
  const pathlike = new RegExp('^\\s*$|^\\S*/\\S*$|'
    + '\\.(png|svg|jpe?g|gif|webp|pdf)$|^[0-9a-f]{16,}$', 'i');
  return Array.from(document.images)
    .filter(img => {
      const alt = img.getAttribute('alt');
      return alt === null || alt === img.getAttribute('src')
        || pathlike.test(alt);
    })
    .map(img => `${img.getAttribute('src')} (alt=${
      JSON.stringify(img.getAttribute('alt'))})`);
}"""
# Display equations wider than their box: "clipped" where nothing lets
# the reader scroll to the rest, "scrolls" where their box scrolls.
EQUATION_CHECK = """() => {
  const result = {clipped: [], scrolls: []};
  const scrollable = el => ['auto', 'scroll'].includes(
    getComputedStyle(el).overflowX);
  const tex = el => {
    try {
      const items = MathJax.startup.document.getMathItemsWithin(el);
      return items.length ? items[0].math.trim() : '';
    } catch (error) { return ''; }
  };
  document.querySelectorAll('mjx-container[display="true"]').forEach(c => {
    const math = c.querySelector('mjx-math') || c;
    const inner = math.getBoundingClientRect();
    let box = c, scroller = null;
    for (let el = c; el && el !== document.body; el = el.parentElement) {
      if (scrollable(el)) { scroller = el; break; }
    }
    const outer = (scroller || c.parentElement).getBoundingClientRect();
    const right = Math.min(outer.right, document.documentElement.clientWidth);
    const left = Math.max(outer.left, 0);
    if (inner.right <= right + 1 && inner.left >= left - 1) return;
    const holder = c.closest('[id]');
    const eqno = c.closest('div.math') &&
      c.closest('div.math').querySelector('.eqno');
    const entry = {
      id: holder ? holder.id : '',
      number: eqno ? eqno.textContent.replace(/[^0-9.()]/g, '') : '',
      width: Math.round(inner.width),
      room: Math.round(right - left),
      tex: tex(c).slice(0, 70),
    };
    if (scroller && scroller.scrollWidth > scroller.clientWidth) {
      result.scrolls.push(entry);
    } else {
      result.clipped.push(entry);
    }
  });
  return result;
}"""
AXE_RUN = """async tags => {
  const results = await axe.run(document, {
    runOnly: {type: 'tag', values: tags},
    resultTypes: ['violations'],
  });
  return results.violations.map(v => ({
    id: v.id,
    nodes: v.nodes.length,
    targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
  }));
}"""
SET_MODE = """mode => {
  localStorage.setItem('mode', mode);
  localStorage.setItem('theme', mode);
  document.documentElement.dataset.mode = mode;
  document.documentElement.dataset.theme = mode;
}"""
SEARCH_RESULTS = """() => Array.from(
  document.querySelectorAll('#search-results li')).map(li => ({
    href: (li.querySelector('a') || {}).href || '',
    snippet: ((li.querySelector('p.context') || {}).textContent || '')
}))"""
# Words of the theme's menus and TeX commands that must not appear in a
# search snippet.
SNIPPET_CHROME = ("System Settings", "Light Dark", "Download", ".ipynb")
SNIPPET_TEX = ("\\(", "\\)", "\\[", "\\frac", "\\mathbf", "\\begin",
               "\\sum", "\\left")


def axe_script() -> Path:
    """axe.min.js as the axe-playwright-python wheel ships it."""
    import axe_playwright_python

    script = Path(axe_playwright_python.__file__).parent / "axe.min.js"
    if not script.is_file():
        raise RuntimeError(f"no {script}: reinstall the browser extra")
    return script


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:
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


def settle(page) -> None:
    """Wait until a change of mode is painted and its colour transitions
    (Bootstrap's buttons fade over 0.15 s) have ended, for at most 5 s:
    an animation that never finishes (seen once in CI) must not hang the
    run, and page.evaluate itself has no timeout."""
    page.evaluate(
        "() => Promise.race([new Promise(r => setTimeout(r, 5000)),"
        " new Promise(r => requestAnimationFrame("
        "() => requestAnimationFrame(r)))"
        ".then(() => Promise.all(document.getAnimations()"
        ".filter(a => a.effect && a.effect.getTiming().iterations"
        " !== Infinity).map(a => a.finished.catch(() => null))))])"
    )


def shown(path: Path) -> str:
    """A path as the reader finds it: relative to the project if in it."""
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def describe(equation: dict) -> str:
    label = equation["id"] or "?"
    number = f" {equation['number']}" if equation["number"] else ""
    return (f"#{label}{number} ({equation['width']} px in "
            f"{equation['room']} px: {equation['tex']!r})")


class Checker:
    """One browser, one context, the pages of the site."""

    def __init__(self, browser, base: str, html: Path) -> None:
        self.base = base
        self.html = html
        self.failures: list[str] = []
        self.notes: list[str] = []
        self.blocked: list[str] = []
        self.console_errors: list[str] = []
        self.shots: list[Path] = []
        self.results: dict = {}
        self.requests = 0
        self.current = ""
        self.in_axe = False
        self.axe_fetch_errors = 0
        self.context = browser.new_context(viewport=DESKTOP)
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.console_errors.append(
            f"{self.current}: {error}"))

    def _route(self, route, request) -> None:
        self.requests += 1
        if is_local(request.url):
            route.continue_()
        else:
            self.blocked.append(request.url)
            route.abort()

    def _console(self, message) -> None:
        if self.in_axe and message.text.startswith(
                "Failed to load resource"):
            # axe-core 4.12 fetches the stylesheets again for its
            # css-orientation-lock rule and resolves the theme's
            # @import "../basic.css" against the site root: a 404 of
            # axe's own, not of the page (which loads basic.css).
            self.axe_fetch_errors += 1
            return
        if message.type == "error":
            self.console_errors.append(f"{self.current}: {message.text}")

    def load(self, name: str, viewport: dict, mode: str = "light") -> None:
        self.current = name
        self.page.set_viewport_size(viewport)
        self.page.goto(self.base + name, wait_until="load")
        wait_for_mathjax(self.page)
        # The mode is kept in localStorage from page to page: set it.
        self.set_mode(mode)

    def resize(self, viewport: dict) -> None:
        """The loaded page at another width (cheaper than a reload)."""
        self.page.set_viewport_size(viewport)
        settle(self.page)

    def set_mode(self, mode: str) -> None:
        self.page.evaluate(SET_MODE, mode)
        settle(self.page)

    def fail(self, message: str) -> None:
        self.failures.append(message)

    # The checks ---------------------------------------------------------

    def axe(self, name: str, mode: str) -> int:
        if not RUN_AXE:
            return 0
        if not self.page.evaluate("() => typeof axe !== 'undefined'"):
            self.page.add_script_tag(path=str(axe_script()))
        self.in_axe = True
        try:
            violations = self.page.evaluate(AXE_RUN, AXE_TAGS)
        finally:
            self.in_axe = False
        total = sum(v["nodes"] for v in violations)
        for v in violations:
            self.fail(f"{name} ({mode}): axe {v['id']} on {v['nodes']} "
                      f"element(s): {v['targets']}")
        return total

    def check_page(self, name: str) -> dict:
        """Light and dark at 1280 px: MathJax, images, alt text, axe,
        equations; then the same page at 390 px."""
        self.load(name, DESKTOP)
        page = self.page
        maths = page.evaluate(MATH_CHECK)
        if maths["raw"]:
            self.fail(f"{name}: equations not typeset: {maths['raw']}")
        broken = page.evaluate(IMAGE_CHECK)
        if broken:
            self.fail(f"{name}: images not loaded: {broken}")
        no_alt = page.evaluate(ALT_CHECK)
        if no_alt:
            self.fail(f"{name}: {len(no_alt)} image(s) without real alt "
                      f"text: {no_alt}")
        equations = page.evaluate(EQUATION_CHECK)
        for eq in equations["clipped"]:
            self.fail(f"{name} at 1280 px: equation cut off: "
                      f"{describe(eq)}")
        wide = [f"{name} {describe(eq)}" for eq in equations["scrolls"]]
        light = dark = 0
        if RUN_AXE:  # the dark mode only matters to axe's colour checks
            light = self.axe(name, "light")
            self.set_mode("dark")
            dark = self.axe(name, "dark")
            self.set_mode("light")
        return {"maths": maths["total"],
                "images": page.evaluate("() => document.images.length"),
                "axe": (light, dark), "wide": wide,
                "phone_scrolls": self.phone(name)}

    def phone(self, name: str) -> int:
        """At 390 px: no wider than the screen, no equation cut off."""
        self.resize(PHONE)
        width = self.page.evaluate(
            "() => document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            culprits = self.page.evaluate(f"""() => Array.from(
              document.querySelectorAll('main *'))
              .filter(el => el.getBoundingClientRect().right
                      > {PHONE['width']} + 1)
              .filter(el => !el.closest('[style*=overflow], pre, '
                      + 'mjx-container, .table-wrapper'))
              .slice(0, 3)
              .map(el => el.tagName.toLowerCase()
                   + (el.className ? '.' + String(el.className)
                      .split(' ')[0] : ''))""")
            self.fail(f"{name} at 390 px: page is {width} px wide "
                      f"({culprits})")
        equations = self.page.evaluate(EQUATION_CHECK)
        for eq in equations["clipped"]:
            self.fail(f"{name} at 390 px: equation cut off: "
                      f"{describe(eq)}")
        return len(equations["scrolls"])

    def toggles(self, name: str, screenshots: Path | None) -> None:
        """The sidebar buttons at 390 px open the contents, and close."""
        page = self.page
        self.load(name, PHONE)
        for side, content in (("primary", ".bd-docs-nav"),
                              ("secondary", ".page-toc")):
            dialog = f"#pst-{side}-sidebar-modal"
            buttons = page.locator(f".{side}-toggle:visible")
            if buttons.count() == 0:
                if side == "primary" or page.locator(
                        "#pst-secondary-sidebar .page-toc").count():
                    self.fail(f"{name} at 390 px: no visible "
                              f"{side} sidebar button")
                continue
            buttons.first.click()
            try:
                page.locator(f"{dialog} {content}").first.wait_for(
                    state="visible", timeout=3000)
            except Exception:
                self.fail(f"{name} at 390 px: 'Toggle {side} sidebar' "
                          f"does not show the contents")
                continue
            if screenshots is not None and side == "primary":
                for mode in ("light", "dark"):
                    self.set_mode(mode)
                    target = screenshots / f"{Path(name).stem}-390-" \
                        f"{mode}-nav.png"
                    page.screenshot(path=str(target))
                    self.shots.append(target)
                self.set_mode("light")
            page.keyboard.press("Escape")
            try:
                page.wait_for_function(
                    f"() => !document.querySelector('{dialog}').open",
                    timeout=3000)
            except Exception:
                self.fail(f"{name} at 390 px: the {side} sidebar "
                          f"does not close")
            if page.locator(f"#pst-{side}-sidebar {content}").count() == 0:
                self.fail(f"{name}: the {side} contents did not return "
                          f"to the sidebar after closing")
        # At 1280 px the same button collapses and restores the sidebar.
        self.resize(DESKTOP)
        sidebar = page.locator("#pst-primary-sidebar")
        page.locator(".primary-toggle:visible").first.click()
        page.wait_for_timeout(400)
        hidden = not sidebar.is_visible() or sidebar.bounding_box()[
            "width"] < 10
        page.locator(".primary-toggle:visible").first.click()
        page.wait_for_timeout(400)
        if not hidden or not sidebar.is_visible():
            self.fail(f"{name} at 1280 px: 'Toggle primary sidebar' "
                      f"does not collapse and restore the sidebar")

    def search(self) -> int:
        page = self.page
        self.load(f"search.html?q={SEARCH_QUERY}", DESKTOP)
        try:
            page.wait_for_selector("#search-results li", timeout=15000)
            page.wait_for_function(
                "() => document.querySelector('#search-summary')"
                " && /found|Found|match/.test(document.querySelector("
                "'#search-summary').textContent)", timeout=15000)
        except Exception:
            pass
        results = page.evaluate(SEARCH_RESULTS)
        if not results:
            self.fail(f'search page finds nothing for "{SEARCH_QUERY}"')
            return 0
        chapters = ("linear-algebra/", "calculus/", "statistics/",
                    "networks/")
        order = [urlparse(r["href"]).path for r in results]
        first = order[0]
        is_chapter = [any(part in path for part in chapters)
                      for path in order]
        # A chapter among the first three (the glossary's index entry for
        # a term may come first), and the status page below every chapter.
        if not any(is_chapter[:3]):
            self.fail(f'search "{SEARCH_QUERY}": no chapter among the '
                      f"first three hits: {order[:3]}")
        status = [i for i, path in enumerate(order) if "status" in path]
        last_chapter = max(i for i, c in enumerate(is_chapter) if c) \
            if any(is_chapter) else -1
        if status and status[0] < last_chapter:
            self.fail(f'search "{SEARCH_QUERY}": the status page ranks '
                      f"{status[0] + 1}, above a chapter")
        for result in results:
            snippet = result["snippet"]
            bad = [w for w in SNIPPET_CHROME + SNIPPET_TEX if w in snippet]
            if bad:
                self.fail(f"search snippet of {result['href']} shows "
                          f"{bad}: {snippet[:120]!r}")
        self.notes.append(
            f"search {SEARCH_QUERY!r}: {len(results)} hits, first "
            f"{first}: {results[0]['snippet'][:100]!r}")
        return len(results)

    def downloads(self) -> None:
        """The PDF and EPUB links: present, and served where built."""
        self.load("index.html", DESKTOP)
        links = self.page.evaluate(
            "() => Array.from(document.querySelectorAll("
            "'.mathdl-downloads a')).map(a => [a.textContent.trim(),"
            " a.getAttribute('href'), a.href])")
        labels = {label for label, _, _ in links}
        if not {"PDF", "EPUB"} <= labels:
            self.fail(f"the site does not link to its PDF and EPUB "
                      f"(links: {links})")
        for label, href, url in links:
            target = self.html / href
            if not target.is_file():
                self.notes.append(f"{label} link {href}: file not built "
                                  "(make pdf / make epub), not checked")
                continue
            with urllib.request.urlopen(url) as response:
                ok = response.status == 200 and response.read(4) in (
                    b"%PDF", b"PK\x03\x04")
            if not ok:
                self.fail(f"{label} link {href} does not serve the file")
            else:
                self.notes.append(f"{label} link {href}: served, "
                                  f"{target.stat().st_size} bytes")

    def screenshot(self, label: str, name: str, folder: Path) -> None:
        if not (self.html / name).is_file():
            self.fail(f"no page {name} to screenshot")
            return
        self.load(name, DESKTOP)
        for mode, sizes in (("light", (DESKTOP, PHONE)),
                            ("dark", (PHONE, DESKTOP))):
            self.set_mode(mode)
            for size in sizes:
                self.resize(size)
                target = folder / f"{label}-{size['width']}-{mode}.png"
                self.page.screenshot(path=str(target))
                self.shots.append(target)


def run_tasks(base: str, html: Path, screenshots: Path,
              tasks: queue.Queue, checkers: list) -> None:
    """One worker: its own Playwright, browser and page, taking tasks
    until none is left."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        checker = Checker(browser, base, html)
        checkers.append(checker)
        while True:
            try:
                kind, name, label = tasks.get_nowait()
            except queue.Empty:
                break
            try:
                if kind == "page":
                    checker.results[name] = checker.check_page(name)
                elif kind == "toggles":
                    checker.toggles(name, screenshots)
                elif kind == "search":
                    checker.results["search"] = checker.search()
                elif kind == "downloads":
                    checker.downloads()
                elif kind == "screenshot":
                    checker.screenshot(label, name, screenshots)
            except Exception as error:
                checker.fail(f"{kind} {name}: {type(error).__name__}: "
                             f"{str(error).splitlines()[0]}")
        browser.close()


def check_site(html: Path, screenshots: Path, workers: int) -> list[str]:
    started = time.monotonic()
    server, base = serve(html)
    pages = site_pages(html)
    screenshots.mkdir(parents=True, exist_ok=True)
    tasks: queue.Queue = queue.Queue()
    # The longest pages first, so that the workers finish together.
    for name in sorted(pages, key=lambda n: -(html / n).stat().st_size):
        tasks.put(("page", name, ""))
    for name in TOGGLE_PAGES:
        tasks.put(("toggles", name, ""))
    tasks.put(("search", "", ""))
    tasks.put(("downloads", "", ""))
    for label, name in SCREENSHOT_PAGES.items():
        tasks.put(("screenshot", name, label))
    checkers: list[Checker] = []
    try:
        threads = [
            threading.Thread(target=run_tasks, args=(
                base, html, screenshots, tasks, checkers))
            for _ in range(workers)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        server.shutdown()

    failures = [f for c in checkers for f in c.failures]
    blocked = [url for c in checkers for url in c.blocked]
    console_errors = [e for c in checkers for e in c.console_errors]
    results = {k: v for c in checkers for k, v in c.results.items()}
    if len(checkers) < workers:
        failures.append(f"{workers - len(checkers)} browser(s) did not "
                        "start")
    missing = [name for name in pages if name not in results]
    if missing:
        failures.append(f"pages not checked: {missing}")
    if blocked:
        failures.append(
            f"{len(blocked)} request(s) to other hosts: "
            f"{sorted(set(blocked))[:5]}"
        )
    if console_errors:
        failures.append(
            f"{len(console_errors)} console error(s): {console_errors[:5]}"
        )
    checked = [results[name] for name in pages if name in results]
    print("axe-core WCAG 2.1 A/AA violations per page (light, dark):"
          if RUN_AXE else "axe-core: not run (--no-axe)")
    for name in pages:
        if name in results and RUN_AXE:
            light, dark = results[name]["axe"]
            print(f"  {name}: {light}, {dark}")
    wide = [entry for r in checked for entry in r["wide"]]
    if wide:
        print(f"{len(wide)} display equation(s) wider than the text at "
              "1280 px (they scroll; break them over lines):")
        for entry in wide:
            print(f"  {entry}")
    for note in (n for c in checkers for n in c.notes):
        print(note)
    axe_fetch_errors = sum(c.axe_fetch_errors for c in checkers)
    if axe_fetch_errors:
        print(f"(axe-core's own re-fetch of stylesheets: "
              f"{axe_fetch_errors} 404s of ../basic.css, "
              "not counted as console errors)")
    print(
        f"browser test: {len(checked)} pages checked at 1280 and 390 px "
        f"by {workers} browser(s), "
        f"{sum(c.requests for c in checkers)} requests, {len(blocked)} "
        f"to other hosts, {len(console_errors)} console errors, "
        f"{sum(r['maths'] for r in checked)} equations typeset, "
        f"{sum(r['images'] for r in checked)} images, "
        f"{sum(sum(r['axe']) for r in checked)} axe violations, "
        f"{sum(r['phone_scrolls'] for r in checked)} equations scroll at "
        f"390 px, search hits for {SEARCH_QUERY!r}: "
        f"{results.get('search', 0)}, {time.monotonic() - started:.0f} s"
    )
    shots = sorted(shown(s) for c in checkers for s in c.shots)
    print("screenshots: " + ", ".join(shots))
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, default=ROOT / "_build/html")
    parser.add_argument(
        "--screenshots", type=Path, default=ROOT / "_build/screenshots"
    )
    parser.add_argument("--skip-without-browser", action="store_true")
    parser.add_argument("--no-axe", action="store_true",
                        help="leave out the axe-core accessibility audit")
    parser.add_argument(
        "--workers", type=int,
        default=int(os.environ.get("BROWSER_TEST_WORKERS",
                                   min(2, os.cpu_count() or 1))),
        help="browsers checking pages side by side (default: 2)",
    )
    args = parser.parse_args()
    global RUN_AXE
    RUN_AXE = not args.no_axe
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
    failures = check_site(args.html.resolve(), args.screenshots.resolve(),
                          max(1, args.workers))
    for failure in failures:
        print(f"FAIL: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
