"""The end-to-end walk in a real browser (Debian's chromium and chromium-driver, driven
by Selenium), with screenshots of the main pages at desktop and phone sizes saved to
docs/screenshots/. ``make test`` installs Chromium first or stops saying how; here a
missing browser fails the test, it never skips.

The week is tests/web/site.py with J2 in team T2 (leader L5), so a swap of J1 and J2
needs two team leaders: L1 for J1's side and L5 for J2's.
"""

from __future__ import annotations

import shutil
import socket
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import uvicorn
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from roster.io import read_roster_assignments
from roster.web.server import create_app
from tests.helpers import day
from tests.web.site import PASSWORD, make_site

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
DESKTOP = (1280, 900)
PHONE = (390, 844)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    folder = tmp_path_factory.mktemp("web")
    scenario, ledger = make_site(folder, j2_team="T2")
    app = create_app(scenario, ledger, secret="browser-walk-secret-" * 3)
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    run = uvicorn.Server(config)
    thread = threading.Thread(target=run.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not run.started:
        assert time.monotonic() < deadline, "the web app did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", ledger
    run.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not Path(p).exists()]
    assert not missing, (
        f"{', '.join(missing)} missing: run 'make test' (it installs Debian's chromium and "
        "chromium-driver as root) or 'apt-get install -y chromium chromium-driver'"
    )
    profile = tempfile.mkdtemp(prefix="roster-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        f"--window-size={DESKTOP[0]},{DESKTOP[1]}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(5)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def login(driver: WebDriver, base: str, who: str) -> None:
    driver.delete_all_cookies()
    driver.get(f"{base}/login")
    driver.find_element(By.NAME, "staff_id").send_keys(who)
    driver.find_element(By.NAME, "password").send_keys(PASSWORD)
    submit(driver, driver.find_element(By.ID, "login"))
    settled(driver, lambda d: "/login" not in d.current_url)


def settled(driver: WebDriver, done: Callable[[WebDriver], bool]) -> None:
    """Wait (up to 20 s) for the page a click loads: a click does not wait for it."""
    WebDriverWait(driver, 20).until(done)


def submit(driver: WebDriver, button: WebElement) -> None:
    """Click a form's button and wait until the page it posted to has replaced this one."""
    button.click()

    def replaced(_: WebDriver) -> bool:
        try:
            button.is_enabled()
        except WebDriverException:  # stale, or "node does not belong to the document"
            return True
        return False

    WebDriverWait(driver, 20).until(replaced)


def shoot(driver: WebDriver, name: str) -> None:
    """The page as it is now, at desktop size and at a phone's (390 x 844)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for label, (width, height) in (("desktop", DESKTOP), ("phone", PHONE)):
        driver.set_window_size(width, height)
        driver.save_screenshot(str(SHOTS / f"{name}-{label}.png"))
    driver.set_window_size(*DESKTOP)


def fetch(driver: WebDriver, url: str) -> tuple[int, bytes]:
    """GET with the browser's session cookie (for a download, or a status code)."""
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    try:
        with urllib.request.urlopen(request) as response:
            return int(response.status), response.read()
    except urllib.error.HTTPError as err:
        return int(err.code), err.read()


def test_the_walk(server: tuple[str, Path], browser: WebDriver, tmp_path: Path) -> None:
    base, _ = server
    d = browser
    d.get(f"{base}/login")
    shoot(d, "login")

    # 1. Agent A (J1) checks a swap of day 3 with a senior, L1: refused, naming S5.
    login(d, base, "J1")
    shoot(d, "my-month")
    d.get(f"{base}/swap/check?date={day(3)}&with=L1")
    verdict = d.find_element(By.ID, "verdict").text
    assert "S5" in verdict
    assert "NO S5" in verdict
    shoot(d, "swap-check-refused")

    # 2. A lists partners for day 3 and requests the swap with J2, paid back on day 6.
    d.get(f"{base}/swap/suggest?date={day(3)}")
    partners = d.find_element(By.ID, "partners")
    assert "J2" in partners.text
    shoot(d, "who-could-take-it")
    for item in partners.find_elements(By.TAG_NAME, "li"):
        if "(J2)" in item.text and day(6).isoformat() in item.text:
            submit(d, item.find_element(By.TAG_NAME, "button"))
            break
    else:
        raise AssertionError(f"no J2 with pay-back {day(6)} in: {partners.text}")
    assert "requested" in d.find_element(By.ID, "outgoing").text

    # 3. B (J2) accepts; both team leaders approve (L1 for J1, L5 for J2); L1 registers.
    login(d, base, "J2")
    d.get(f"{base}/requests")
    submit(d, d.find_element(By.CSS_SELECTOR, "#incoming button.accept"))
    settled(d, lambda d: "accepted" in d.find_element(By.ID, "incoming").text)
    for leader in ("L1", "L5"):
        login(d, base, leader)
        d.get(f"{base}/lead/queue")
        if leader == "L1":
            shoot(d, "approval-queue")
        submit(d, d.find_element(By.CSS_SELECTOR, "#swap-queue button.approve"))
    login(d, base, "L1")
    d.get(f"{base}/lead/queue")
    submit(d, d.find_element(By.CSS_SELECTOR, "#swap-queue button.register"))
    # decided: out of the queue
    settled(d, lambda d: "J1" not in d.find_element(By.ID, "swap-queue").text)

    # 4. A's month and the exported workbook show the swapped shifts.
    status, body = fetch(d, f"{base}/lead/roster.xlsx")
    assert status == 200
    exported = tmp_path / "current.xlsx"
    exported.write_bytes(body)
    roster = read_roster_assignments(exported)
    assert roster.shift_of("J2", day(3)) == "D"
    assert roster.shift_of("J1", day(3)) is None
    assert roster.shift_of("J1", day(6)) == "D"
    login(d, base, "J1")
    cell = d.find_element(By.CSS_SELECTOR, f'td[data-date="{day(6)}"]')
    assert "swapped" in cell.get_attribute("class")
    assert "(D)" in cell.text
    assert "1" in d.find_element(By.ID, "swaps-used").text
    shoot(d, "my-month-swapped")

    # 5. A's leave request on the pay-back day is refused, naming L8.
    d.get(f"{base}/leave/new")
    d.find_element(By.NAME, "start").send_keys(day(6).strftime("%m%d%Y"))
    submit(d, d.find_element(By.ID, "send"))
    settled(d, lambda d: bool(d.find_elements(By.ID, "leave-verdict")))
    answer = d.find_element(By.ID, "leave-verdict").text
    assert "NO L8" in answer
    shoot(d, "leave-refused")

    # 6. An agent who opens the approval queue gets 403.
    status, _ = fetch(d, f"{base}/lead/queue")
    assert status == 403
    d.get(f"{base}/lead/queue")
    assert "team leaders and approvers only" in d.find_element(By.ID, "message").text

    # The centre's coverage, for the approvers.
    login(d, base, "C1")
    d.get(f"{base}/centre/coverage")
    shoot(d, "centre-coverage")
