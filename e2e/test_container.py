"""The container image (`make container` builds it and runs these tests; skipped without DFD_IMAGE): `dfd predict` inside it scores a
demo video as the host does with the released detector, as a non-root user, and its default command serves the app, which a browser uses."""
import json, os, shlex, subprocess, sys, tempfile, time
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from dfd.catalog import catalog
from dfd.core import get_config
from dfd.inference import released_detector
from conftest import free_port, screenshot, upload, wait_for, wait_for_page

IMAGE = os.environ.get('DFD_IMAGE')
LIMITS = shlex.split(os.environ.get('DFD_PODMAN_LIMITS', ''))
pytestmark = pytest.mark.skipif(not IMAGE, reason='DFD_IMAGE is not set: `make container` builds the image and sets it')


def podman(*args, timeout=600) -> subprocess.CompletedProcess:
    return subprocess.run(['podman', *args], capture_output=True, text=True, timeout=timeout)


def in_image(*args, mounts=(), entrypoint=None) -> subprocess.CompletedProcess:
    "Run the image once with `args` (a dfd command, by default) and the given `-v` mounts."
    return podman('run', '--rm', *LIMITS, *[f'-v={m}' for m in mounts], *(['--entrypoint', entrypoint] if entrypoint else []), IMAGE, *args)


@pytest.fixture(scope='module')
def real_video() -> Path:
    return Path(catalog(get_config().data).query('label == 0').path.iloc[0])


@pytest.fixture(scope='module')
def on_host(real_video) -> dict:
    "`dfd predict --json` of `real_video` on the host with the released detector."
    return json.loads(subprocess.run([Path(sys.executable).parent/'dfd', 'predict', '--json', '--checkpoint', str(released_detector()), str(real_video)],
                                     capture_output=True, text=True, check=True).stdout)['results'][0]


def test_predict_in_the_container_as_on_the_host(real_video, on_host):
    inside = in_image('predict', '--json', f'/videos/{real_video.name}', mounts=[f'{real_video.parent}:/videos:ro'])
    assert inside.returncode == 0, inside.stderr
    assert 'the released detector' in inside.stderr              # no run inside: the detector shipped in the image
    h, c = on_host, json.loads(inside.stdout)['results'][0]
    print(f"\nfake probability of {real_video.name}: host {h['fake_prob']:.4f}, container {c['fake_prob']:.4f}")
    assert c['faces'] == h['faces'] and c['verdict'] == h['verdict']
    assert abs(c['fake_prob'] - h['fake_prob']) < 5e-3


def test_bad_input_is_named():
    with tempfile.TemporaryDirectory() as folder:                 # readable by the image's user, as a folder of videos should be
        os.chmod(folder, 0o755)
        (Path(folder)/'notes.txt').write_text('not a video')
        r = in_image('predict', '/videos/missing.mp4', '/videos/notes.txt', mounts=[f'{folder}:/videos:ro'])
    assert r.returncode == 1
    assert 'dfd predict: error: /videos/missing.mp4' in r.stderr and 'dfd predict: error: /videos/notes.txt' in r.stderr, r.stderr


def test_runs_as_a_user_without_build_tools():
    r = in_image('-c', 'id -u; for tool in gcc cc make; do command -v $tool; done; true', entrypoint='sh')
    assert r.stdout.split() == ['1000'], r.stdout


def test_the_app_serves_and_scores_an_upload(browser, real_video, on_host):
    port, started = free_port(), time.time()
    name = f'dfd-app-test-{port}'
    r = podman('run', '-d', '--name', name, *LIMITS, '-p', f'127.0.0.1:{port}:8866', IMAGE)       # kept when it stops, for its logs
    assert r.returncode == 0, r.stderr
    try:
        url = f'http://127.0.0.1:{port}/'
        wait_for_page(url, lambda: podman('container', 'inspect', '--format', '{{.State.Running}}', name).stdout.strip() == 'true',
                      lambda: podman('logs', name).stderr, timeout=180)
        answered = time.time() - started
        browser.get(url)
        WebDriverWait(browser, 180).until(lambda b: 'the released detector' in b.find_element(By.TAG_NAME, 'body').text)
        print(f'\ncold start: the page answered {answered:.1f} s after podman run, the app was ready after {time.time() - started:.1f} s')
        upload(browser, real_video)
        text = wait_for(browser, 'fake probability', real_video.name)
        assert text.split()[0] == on_host['verdict'] and f"fake probability {on_host['fake_prob']:.2f}" in text, text
        screenshot(browser, 'container_app')
    finally: podman('rm', '--force', '--time', '5', name)
