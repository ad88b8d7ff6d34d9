"""The demo set builds on a fresh machine: no photo cache, an empty output folder, the default worker count.

That is the path every new user takes, and the one that hung when the workers were forked after the parent had
started OpenCV's and PyTorch's thread pools (detecting faces in the freshly fetched photos). A hang fails the test
at the time limit instead of stalling the suite.
"""
import os, signal, subprocess, sys, time
from pathlib import Path

import pandas as pd

from dfd.core import usable_cores

LIMIT_S = 300        # the quick set builds in well under a minute on 2 cores, photo download included


def test_cold_build_finishes(tmp_path):
    out, photos = tmp_path/'demo', tmp_path/'photos'          # nothing cached: photos are fetched, faces detected anew
    cmd = [str(Path(sys.executable).parent/'dfd-demo-data'), '--quick', '--out', str(out), '--photos', str(photos)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    start = time.time()
    try: log, _ = proc.communicate(timeout=LIMIT_S)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)                        # the workers too
        log, _ = proc.communicate()
        raise AssertionError(f"`{' '.join(cmd)}` still running after {LIMIT_S} s (hung):\n{log[-2000:]}")
    assert proc.returncode == 0, log[-2000:]
    assert f'with {usable_cores()} worker(s)' in log, log[-2000:]   # it rendered, with the default worker count (one per core)
    manifest = pd.read_csv(out/'videos.csv')
    assert len(manifest) == 12 and all((out/p).stat().st_size > 0 for p in manifest.path), manifest
    print(f'cold build: {time.time()-start:.0f} s')
