"""Headless Chromium for the browser tests (Debian's chromium and chromedriver; nothing is downloaded)."""
import shutil, socket, time, urllib.error, urllib.request
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

SHOTS = Path(__file__).parent/'screenshots'
FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--window-size=1280,900']


@pytest.fixture(scope='session')
def browser(tmp_path_factory):
    "A fresh headless Chromium profile for the session."
    driver_path = shutil.which('chromedriver')
    if not driver_path: pytest.fail('chromedriver not found: install the Debian packages chromium and chromium-driver (.ci/run does)')
    options = webdriver.ChromeOptions()
    for flag in FLAGS + [f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"]: options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    yield driver
    driver.quit()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0)); return s.getsockname()[1]


def wait_for_page(url: str, running, logs, timeout: float) -> None:
    "Poll `url` until it answers; fail with the server's `logs()` if it answers with an HTTP error, stops `running()`, or after `timeout` s."
    deadline = time.time() + timeout
    while True:
        try: urllib.request.urlopen(url, timeout=5); return
        except urllib.error.HTTPError as e: pytest.fail(f'{url} answered {e}:\n{logs()[-3000:]}')
        except OSError:
            if not running() or time.time() > deadline: pytest.fail(f'nothing served {url}:\n{logs()[-3000:]}')
            time.sleep(0.5)


def screenshot(browser, name: str) -> Path:
    "Save a screenshot as e2e/screenshots/<name>.png; return its path."
    SHOTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(SHOTS/f'{name}.png'))
    return SHOTS/f'{name}.png'


def banner(browser) -> str:
    return browser.find_element(By.CSS_SELECTOR, '.widget-html-content div').text


def wait_for(browser, *words, timeout=120) -> str:
    "Wait until the verdict banner contains all `words`; return its text."
    WebDriverWait(browser, timeout, ignored_exceptions=[StaleElementReferenceException]).until(lambda b: all(w in banner(b) for w in words) and 'analysing' not in banner(b))
    return banner(browser)


def upload(browser, path: Path) -> None:
    "Choose `path` with the upload button. ipywidgets 8 keeps its file input out of the page, so the input is put in the page when the button clicks it."
    browser.execute_script("""
        HTMLInputElement.prototype.click = function () {
            if (this.type !== 'file') return;
            document.getElementById('e2e-file')?.remove();
            this.id = 'e2e-file'; this.style.display = 'block'; document.body.appendChild(this);
        };""")
    browser.find_element(By.CSS_SELECTOR, 'button.widget-upload').click()
    browser.find_element(By.ID, 'e2e-file').send_keys(str(path))
