"""Headless Chromium for the browser tests (Debian's chromium and chromedriver; nothing is downloaded)."""
import shutil
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

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


def screenshot(browser, name: str) -> Path:
    "Save a screenshot as e2e/screenshots/<name>.png; return its path."
    SHOTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(SHOTS/f'{name}.png'))
    return SHOTS/f'{name}.png'
