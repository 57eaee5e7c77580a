"""Screenshot every panel view in the dev harness, and check the panel's behaviour there.

Serves the repository on 127.0.0.1 with http.server in a thread, drives Debian's chromium
with Playwright, writes PNGs to frontend/dev/screenshots/ and exits non-zero when a check
fails (a script alert fired, a page error, a missing view, a badge that did not update).

    .venv/bin/python frontend/dev/screenshot.py            # from the repository root
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
import functools
import http.server
from pathlib import Path
import re
import shutil
import sys
import threading

from playwright.sync_api import (
    Browser,
    Error as PlaywrightError,
    Locator,
    Page,
    expect,
    sync_playwright,
)

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent / "screenshots"
HARNESS = "/frontend/dev/harness.html"
VIEWPORTS = {"desktop": (1400, 1000), "phone": (390, 844)}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
XSS_TITLE = "<img src=x onerror=alert(1)>"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the request log out of the script's output."""


@contextmanager
def serve() -> Iterator[str]:
    """Serve the repository on a free loopback port for the duration of the block."""
    handler = functools.partial(_QuietHandler, directory=str(ROOT))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


class Checker:
    """Collects failures so one run reports all of them."""

    def __init__(self) -> None:
        self.failures: list[str] = []

    def watch(self, page: Page, name: str) -> None:
        """Fail on any dialog (an injected script ran) or uncaught page error."""

        def on_dialog(dialog: object) -> None:
            self.failures.append(f"{name}: a dialog opened (script injection?)")
            dialog.dismiss()  # type: ignore[attr-defined]

        page.on("dialog", on_dialog)
        page.on("pageerror", lambda err: self.failures.append(f"{name}: page error {err}"))
        page.on(
            "console",
            lambda msg: (
                self.failures.append(f"{name}: console error {msg.text}")
                if msg.type == "error"
                else None
            ),
        )

    def expect(self, name: str, check: Callable[[], None]) -> None:
        """Run a Playwright assertion, recording instead of raising."""
        try:
            check()
        except AssertionError as err:
            self.failures.append(f"{name}: {str(err).splitlines()[0]}")


def visible(locator: Locator) -> Callable[[], None]:
    """An assertion, for Checker.expect, that the locator becomes visible."""
    return lambda: expect(locator).to_be_visible()


def open_page(browser: Browser, base: str, query: str, size: tuple[int, int]) -> Page:
    """A new page on the harness, with the panel's first data loaded."""
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    page.goto(f"{base}{HARNESS}?interval=60000&{query}")
    return page


def shoot_views(browser: Browser, base: str, checker: Checker) -> None:
    """Every view, in each theme and width."""
    for theme in ("light", "dark"):
        for device, size in VIEWPORTS.items():
            page = open_page(browser, base, f"theme={theme}&fresh=1", size)
            name = f"{device}-{theme}"
            checker.watch(page, name)
            shot = functools.partial(_shot, page, name)
            checker.expect(
                f"{name} live list",
                visible(page.get_by_text(XSS_TITLE, exact=True).first),
            )
            page.wait_for_selector("plexgeo-world-map >> svg path.country")
            page.wait_for_timeout(300)
            shot("1-map")
            if device == "phone":
                check_phone_text(page, checker, f"{name} 1-map")
            page.get_by_role("tab", name="Stream log").click()
            checker.expect(
                f"{name} stream log",
                visible(page.get_by_text(re.compile(r"Streams 1\u201350 of \d+ · page 1 of \d+"))),
            )
            shot("2-streams")
            if device == "phone":
                check_phone_text(page, checker, f"{name} 2-streams")
            page.get_by_role("tab", name="Users").click()
            page.get_by_role("button", name="bob_the_builder").first.click()
            checker.expect(
                f"{name} user",
                visible(page.get_by_role("heading", name="bob_the_builder")),
            )
            page.wait_for_selector("plexgeo-doughnut >> path.slice")
            page.wait_for_timeout(300)
            shot("3-user")
            if device == "phone":
                check_phone_text(page, checker, f"{name} 3-user")
            page.get_by_role("tab", name="Alerts").click()
            checker.expect(
                f"{name} alerts",
                visible(page.get_by_text("Rare country").first),
            )
            shot("4-alerts")
            if device == "phone":
                check_phone_text(page, checker, f"{name} 4-alerts")
            page.close()


# Every element that shows text of its own (or a ::before label), through shadow roots,
# whose font is smaller than 12 px; and whether any table still scrolls sideways.
_SMALL_TEXT = """() => {
  const small = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll("*")) {
      if (el.shadowRoot) walk(el.shadowRoot);
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      const before = getComputedStyle(el, "::before").content;
      const label = before && before !== "none" && before !== '""' && before !== "normal";
      if ((own || label) && el.getClientRects().length) {
        const size = parseFloat(getComputedStyle(el, label && !own ? "::before" : null).fontSize);
        if (size < 12) small.push(`${el.localName}.${el.className}: ${size}px`);
      }
    }
  };
  walk(document);
  return [...new Set(small)].slice(0, 5);
}"""


def check_phone_text(page: Page, checker: Checker, name: str) -> None:
    """No text under 12 px on a phone."""
    if small := page.evaluate(_SMALL_TEXT):
        checker.failures.append(f"{name}: text under 12 px: {small}")


def _shot(page: Page, name: str, view: str) -> None:
    page.screenshot(path=str(OUT / f"{view}-{name}.png"), full_page=True)


def shoot_states(browser: Browser, base: str, checker: Checker) -> None:
    """The error and empty states."""
    size = VIEWPORTS["desktop"]
    page = open_page(browser, base, "fail=plexgeo/streams", size)
    page.get_by_role("tab", name="Stream log").click()
    checker.expect(
        "error state",
        lambda: expect(page.get_by_text("The PlexGeo database is locked")).to_be_visible(),
    )
    _shot(page, "desktop-light", "5-error")
    page.close()
    page = open_page(browser, base, "empty=1", size)
    page.get_by_role("tab", name="Stream log").click()
    checker.expect(
        "empty state", lambda: expect(page.get_by_text("No streams yet")).to_be_visible()
    )
    _shot(page, "desktop-light", "6-empty")
    page.close()


def check_behaviour(browser: Browser, base: str, checker: Checker) -> None:
    """Badge, acknowledge, pagination, menu button, unsubscribe on removal."""
    page = open_page(browser, base, "fresh=1", VIEWPORTS["phone"])
    checker.watch(page, "behaviour")
    alerts_tab = page.get_by_role("tab", name="Alerts")
    checker.expect("badge", lambda: expect(alerts_tab).to_contain_text("2"))
    page.get_by_role("button", name="Open sidebar").click()
    if page.evaluate("window.menuToggles") != 1:
        checker.failures.append("menu: hass-toggle-menu was not fired")
    alerts_tab.click()
    page.get_by_role("button", name="Acknowledge", exact=True).first.click()
    checker.expect("acknowledge", lambda: expect(alerts_tab).to_contain_text("1"))
    page.get_by_role("tab", name="Stream log").click()
    checker.expect("route", lambda: expect(page).to_have_url(re.compile(r"/plexgeo/streams$")))
    page.get_by_role("button", name="Next").click()
    checker.expect(
        "next page", lambda: expect(page.get_by_text(re.compile(r"· page 2 of"))).to_be_visible()
    )
    # The new page's top lands in view, below the sticky toolbar and tabs.
    try:
        page.wait_for_function(
            "() => { const r = window.panel.shadowRoot.querySelector('plexgeo-streams-view')"
            ".shadowRoot.querySelector('.results').getBoundingClientRect();"
            " return r.top >= 0 && r.top < 160; }",
            timeout=5000,
        )
    except PlaywrightError:
        checker.failures.append("next page: the new page did not land at its top")
    page.get_by_role("button", name="Previous").click()
    checker.expect(
        "previous page",
        lambda: expect(page.get_by_text(re.compile(r"· page 1 of"))).to_be_visible(),
    )
    check_log_filters(page, checker)
    page.get_by_role("tab", name="Users").click()
    users = page.locator("plexgeo-users-view")
    users.get_by_role("searchbox").fill("dmi")
    checker.expect("users search", lambda: expect(users.locator("li")).to_have_count(1))
    checker.expect("users counts", lambda: expect(users.locator("li")).to_contain_text(" networks"))
    users.get_by_role("searchbox").fill("")
    users.get_by_label("Show").select_option("alerts")
    checker.expect(
        "users filter", lambda: expect(users.get_by_text(re.compile(r"\d+ of \d+"))).to_be_visible()
    )
    page.go_back()
    page.go_back()
    checker.expect(
        "back",
        lambda: expect(page.get_by_role("tab", name="Alerts")).to_have_attribute(
            "aria-selected", "true"
        ),
    )
    page.evaluate("window.panel.remove()")
    if page.evaluate("window.mockStats.subscriptions") != 0:
        checker.failures.append("unsubscribe: the panel left its subscription open")
    page.close()


def check_log_filters(page: Page, checker: Checker) -> None:
    """Search by user and city, the server's order, and Clear resetting every field."""
    log = page.locator("plexgeo-streams-view")
    log.get_by_role("searchbox").fill("toronto")
    log.get_by_role("button", name="Apply").click()
    cities = log.locator("td[data-label='Location']")
    checker.expect("search by city", lambda: expect(cities.first).to_contain_text("Toronto"))
    checker.expect(
        "search by city, nowhere else",
        lambda: expect(cities.filter(has_not_text="Toronto")).to_have_count(0),
    )
    log.get_by_role("searchbox").fill("")
    # On a phone the fields besides the search fold behind "Filters".
    checker.expect("compact filters", lambda: expect(log.get_by_label("Country")).to_be_hidden())
    log.get_by_role("button", name="Filters").click()
    log.get_by_label("Country").select_option("DE")
    log.get_by_label("Network").select_option("wan")
    log.get_by_label("Media").select_option("movie")
    log.get_by_label("Order").select_option("oldest")
    log.get_by_role("button", name="Apply").click()
    checker.expect("order", lambda: expect(log.locator("th[aria-sort=ascending]")).to_have_count(1))
    checker.expect(
        "filters counted",
        lambda: expect(log.get_by_role("button", name="Filters (4)")).to_be_visible(),
    )
    log.get_by_role("button", name="Clear").click()
    for label, value in (("Country", ""), ("Network", ""), ("Media", ""), ("Order", "newest")):
        checker.expect(
            f"clear {label}",
            lambda label=label, value=value: expect(log.get_by_label(label)).to_have_value(value),
        )


def main() -> int:
    """Take the screenshots and run the checks; 0 when everything passed."""
    chromium = shutil.which("chromium")
    if chromium is None:
        print("chromium not found on PATH", file=sys.stderr)
        return 2
    OUT.mkdir(exist_ok=True)
    checker = Checker()
    with serve() as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            shoot_views(browser, base, checker)
            shoot_states(browser, base, checker)
            check_behaviour(browser, base, checker)
        finally:
            browser.close()
    for failure in checker.failures:
        print(f"FAIL {failure}", file=sys.stderr)
    shots = sorted(OUT.glob("*.png"))
    print(f"{len(shots)} screenshots in {OUT}; {len(checker.failures)} failed checks")
    return 1 if checker.failures else 0


if __name__ == "__main__":
    sys.exit(main())
