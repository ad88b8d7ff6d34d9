"""Preprocessing survives `kill -9`: a rerun completes the work and gives the same manifest and crops as an uninterrupted run."""
import os, signal, subprocess, sys, time
from pathlib import Path

import pandas as pd

from dfd.catalog import catalog
from dfd.core import get_config
from dfd.synthetic import build_demo_dataset, demo_settings

SCRIPT = 'import sys; from dfd.preprocess import main; main(sys.argv[1:])'


def preprocess_cmd(data, out):
    return [sys.executable, '-c', SCRIPT, '--data', str(data), '--out', str(out), '--frames', '4']


def small_dataset(tmp_path):
    "The quick demo set's 12 videos, as a real/ + fake/ folder: enough that a kill after the first is saved lands before the last."
    demo = get_config(quick=True).demo
    build_demo_dataset(demo, **demo_settings(True))
    videos = catalog(demo)
    for row in videos.itertuples():
        dest = tmp_path/'data'/row.video_id.split('/')[0]/Path(row.path).name
        dest.parent.mkdir(parents=True, exist_ok=True); os.symlink(row.path, dest)
    return tmp_path/'data'


def snapshot(out):
    files = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob('*.jpg')}
    return pd.read_csv(out/'manifest.csv'), files


def test_kill_and_resume_gives_the_same_result(tmp_path):
    data = small_dataset(tmp_path)
    subprocess.run(preprocess_cmd(data, tmp_path/'once'), check=True, capture_output=True)

    out = tmp_path/'killed'
    proc = subprocess.Popen(preprocess_cmd(data, out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 120
    while not list(out.rglob('faces.csv')) and time.time() < deadline and proc.poll() is None: time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL); proc.wait()                                 # the run and its workers, mid-video
    finished = len(list(out.rglob('faces.csv')))
    assert 1 <= finished < 12, f'the kill should land mid-run, {finished} of 12 videos were finished'
    assert not (out/'manifest.csv').exists()

    subprocess.run(preprocess_cmd(data, out), check=True, capture_output=True)
    (m1, f1), (m2, f2) = snapshot(tmp_path/'once'), snapshot(out)
    pd.testing.assert_frame_equal(m1, m2)
    assert f1 == f2
    assert not list(out.rglob('*.partial*'))

    before = {p: p.stat().st_mtime_ns for p in out.rglob('*') if p.is_file() and p.name != 'manifest.csv'}
    subprocess.run(preprocess_cmd(data, out), check=True, capture_output=True)      # a rerun does nothing
    assert {p: p.stat().st_mtime_ns for p in out.rglob('*') if p.is_file() and p.name != 'manifest.csv'} == before


def test_cli_reports_bad_settings(tmp_path):
    data = small_dataset(tmp_path)
    subprocess.run(preprocess_cmd(data, tmp_path/'crops'), check=True, capture_output=True)
    r = subprocess.run([*preprocess_cmd(data, tmp_path/'crops'), '--margin', '0.5'], capture_output=True, text=True)
    assert r.returncode == 2 and 'other settings' in r.stderr
