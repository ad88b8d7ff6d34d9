"""The web app in a real browser: `make app` serves it with Voila, headless Chromium chooses videos and reads the verdict."""
import os, signal, subprocess
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from dfd.catalog import catalog
from dfd.core import get_config
from dfd.faces import write_video
from conftest import free_port, screenshot, upload, wait_for, wait_for_page

ROOT = Path(__file__).resolve().parents[1]


@contextmanager
def serving(**env):
    "`make app` on a free port (with extra environment variables), until the page answers; stopped (with its kernel) afterwards."
    port = free_port()
    server = subprocess.Popen(['make', '--no-print-directory', 'app', f'APP_PORT={port}'], cwd=ROOT, start_new_session=True,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env={**os.environ, **env})
    url = f'http://127.0.0.1:{port}/'
    def logs() -> str:                                # the server's output, once it is stopped
        os.killpg(server.pid, signal.SIGTERM)
        return server.stdout.read().decode()
    wait_for_page(url, lambda: server.poll() is None, logs, timeout=120)
    try: yield url
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)


@pytest.fixture(scope='module')
def app_url():
    with serving() as url: yield url


@pytest.fixture(scope='module')
def app(browser, app_url):
    "The app's page with its widgets rendered."
    browser.get(app_url)
    WebDriverWait(browser, 120).until(lambda b: len(b.find_elements(By.CSS_SELECTOR, 'select')) == 3)
    return browser


def test_pick_a_dataset_video(app):
    fake = catalog(get_config().data).query('label == 1').video_id.iloc[0]
    Select(app.find_elements(By.CSS_SELECTOR, 'select')[0]).select_by_visible_text(next(
        o.text for o in Select(app.find_elements(By.CSS_SELECTOR, 'select')[0]).options if o.text.startswith(fake + ' ')))
    text = wait_for(app, 'fake probability')
    assert text.split()[0] in ('REAL', 'FAKE') and Path(fake).name in text
    WebDriverWait(app, 30).until(lambda b: b.find_elements(By.CSS_SELECTOR, '.widget-tab img'))
    screenshot(app, 'app_verdict')


def test_upload_a_video(app):
    real = catalog(get_config().data).query('label == 0').path.iloc[0]
    upload(app, real)
    text = wait_for(app, 'fake probability', Path(real).name)
    assert text.split()[0] in ('REAL', 'FAKE')


def test_upload_bad_files(app, tmp_path):
    (tmp_path/'notes.txt').write_text('not a video')
    upload(app, tmp_path/'notes.txt')
    assert 'notes.txt is not a video' in wait_for(app, 'notes.txt')
    (tmp_path/'broken.mp4').write_bytes(b'\0'*4096)
    upload(app, tmp_path/'broken.mp4')
    assert wait_for(app, 'broken.mp4').startswith('unreadable: ')
    write_video((np.full((240, 320, 3), 90, np.uint8) for _ in range(12)), tmp_path/'wall.mp4', 12, (320, 240))
    upload(app, tmp_path/'wall.mp4')
    assert wait_for(app, 'wall.mp4').startswith('no face: wall.mp4: no face found')
    for size_mb in (101, 300):       # over the cap: under, then over the server's websocket limit (110 MiB)
        with open(tmp_path/f'huge{size_mb}.mp4', 'wb') as f: f.truncate(size_mb*2**20)
        upload(app, tmp_path/f'huge{size_mb}.mp4')
        assert f'huge{size_mb}.mp4 is {size_mb} MB: the limit is 100 MB' in wait_for(app, f'huge{size_mb}.mp4')
    screenshot(app, 'app_bad_upload')
    real = catalog(get_config().data).query('label == 0').path.iloc[0]
    upload(app, real)                # the page still answers
    assert wait_for(app, 'fake probability', Path(real).name).split()[0] in ('REAL', 'FAKE')


COMPARE = "//button[normalize-space()='Compare']"
COMPARISON = COMPARE + "/ancestor::div[contains(@class, 'widget-hbox')][1]/following-sibling::div[contains(@class, 'widget-output')][1]"


def test_compare(app):
    app.find_element(By.XPATH, COMPARE).click()
    WebDriverWait(app, 120).until(lambda b: b.find_elements(By.XPATH, COMPARISON + '//img'))
    app.execute_script('arguments[0].scrollIntoView()', app.find_element(By.XPATH, COMPARISON))
    screenshot(app, 'app_compare')


def test_released_detector(browser, tmp_path):
    "With no trained run (an empty work folder) the app uses the detector shipped with the package, says so, and takes uploads."
    with serving(DFD_WORK=str(tmp_path)) as url:
        browser.get(url)
        WebDriverWait(browser, 120).until(lambda b: 'the released detector' in b.find_element(By.TAG_NAME, 'body').text)
        assert 'detector-ffpp_c23.json' in browser.find_element(By.TAG_NAME, 'body').text
        assert browser.find_element(By.CSS_SELECTOR, 'button.widget-upload').is_enabled()
        screenshot(browser, 'app_released_detector')
