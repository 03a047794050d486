"""Playwright driving Debian's Chromium (/usr/bin/chromium); no browser is downloaded."""

from pathlib import Path

import pytest

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"

# The two screens people work on: the command center's desk and the collector's phone.
DESK = {"viewport": {"width": 1366, "height": 800}, "locale": "zh-CN"}
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "zh-CN",
}


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(
            "Debian's Chromium is missing: bin/test installs it (apt-get install chromium fonts-noto-cjk)"
        )
    # Playwright's sync API runs an event loop in this thread while the browser is open; the
    # tests' own ORM calls are ordinary synchronous code, which Django would otherwise refuse.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-quic",
                "--no-first-run",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def desk(browser):
    context = browser.new_context(**DESK)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    yield context.new_page()
    context.close()


@pytest.fixture
def open_page(browser):
    """A new browser context per person (own cookies, own session): ``open_page("phone")``.

    Extra keyword arguments go to ``new_context`` (``geolocation=...``, ``permissions=[...]``).
    """
    contexts = []

    def open_page(screen="desk", **options):
        context = browser.new_context(**{**(PHONE if screen == "phone" else DESK), **options})
        # Every wait is for something the page shows; a few seconds is plenty on a local server.
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def log_in(page, live_server, username, password=None):
    """Log in through the login page; Django then opens the person's landing page."""
    from gridcity.demo.county import DEMO_PASSWORD

    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password or DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state("networkidle")
    assert "/accounts/login/" not in page.url, f"{username} could not log in"


def settle(page):
    """Wait until what a screenshot shows is complete: fonts, every image (lazy ones too), the network."""
    page.wait_for_load_state("networkidle")
    page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(img => { img.loading = 'eager'; })")
    page.wait_for_function(
        "document.fonts.status === 'loaded' && "
        "Array.from(document.images).every(img => img.complete && img.naturalWidth > 0)"
    )


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True, animations="disabled")
