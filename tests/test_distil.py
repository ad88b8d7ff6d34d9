"""`dfd distil` survives `kill -9`: rerun, it resumes from its last saved state and finishes the budget.

Runs offline: the teacher is a detector checkpoint written here (feature and task KD), the images a folder of crops.
"""
import json, os, shutil, signal, subprocess, sys, time
from pathlib import Path

import pytest
import torch

from dfd.core import get_config
from dfd.model import DeepFakeMobileNet, save_checkpoint

LIMIT_S = 300


def images_folder(folder: Path, n: int = 12) -> Path:
    "A folder of `n` face crops of the configured (demo) dataset."
    crops = sorted(get_config().crops.rglob('*.jpg'))[:n]
    if len(crops) < n: pytest.skip('no preprocessed crops of the demo set (run the notebooks first)')
    folder.mkdir()
    for i, c in enumerate(crops): shutil.copy(c, folder/f'{i}.jpg')
    return folder


def distil_cmd(images: Path, out: Path, detector: Path, steps: int = 8) -> list[str]:
    return [str(Path(sys.executable).parent/'dfd'), 'distil', '--images', str(images), '--out', str(out), '--teacher', '',
            '--logit', '0', '--task', '1', '--detector', str(detector), '--steps', str(steps), '--batch-size', '4',
            '--save-minutes', '0']


def test_kill_and_resume(tmp_path):
    images = images_folder(tmp_path/'images')
    detector = save_checkpoint(tmp_path/'detector.pt', DeepFakeMobileNet(pretrained=False))
    out, steps = tmp_path/'run', 30
    proc = subprocess.Popen(distil_cmd(images, out, detector, steps), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    start, saved = time.time(), 0
    while time.time() - start < LIMIT_S and proc.poll() is None:
        if (out/'state.pt').is_file():
            try: saved = torch.load(out/'state.pt', weights_only=True)['step']
            except Exception: saved = 0                                  # being replaced right now
            if saved >= 2: break
        time.sleep(0.2)
    if proc.poll() is None: os.killpg(proc.pid, signal.SIGKILL)
    log, _ = proc.communicate()
    assert 2 <= saved < steps, f'expected to kill the run mid-way, after step {saved}:\n{log.decode()[-2000:]}'
    assert not (out/'student.pt').exists()
    rerun = subprocess.run(distil_cmd(images, out, detector, steps), capture_output=True, text=True, timeout=LIMIT_S)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert 'resuming' in rerun.stderr and f'{steps} steps' in rerun.stdout, (rerun.stdout, rerun.stderr[-2000:])
    history = json.loads((out/'history.json').read_text())
    assert history['steps'] == steps and (out/'student.pt').is_file()


def test_bad_input_is_named(tmp_path):
    (tmp_path/'empty').mkdir()
    detector = save_checkpoint(tmp_path/'detector.pt', DeepFakeMobileNet(pretrained=False))
    r = subprocess.run(distil_cmd(tmp_path/'empty', tmp_path/'run', detector), capture_output=True, text=True, timeout=LIMIT_S)
    assert r.returncode == 2 and f"no readable images in {tmp_path/'empty'}" in r.stderr, r.stderr[-2000:]
    r = subprocess.run(distil_cmd(images_folder(tmp_path/'images'), tmp_path/'run', tmp_path/'missing.pt'), capture_output=True, text=True, timeout=LIMIT_S)
    assert r.returncode == 2 and 'missing.pt' in r.stderr, r.stderr[-2000:]
