"""The console scripts: helpful errors for bad input, a summary for good input."""
import subprocess, sys
from pathlib import Path


def run(*args):
    return subprocess.run([sys.executable, '-c', 'import sys; from dfd.catalog import main; main(sys.argv[1:])', *args],
                          capture_output=True, text=True)


def test_catalog_cli_missing_folder(tmp_path):
    r = run(str(tmp_path/'nope'))
    assert r.returncode == 2 and 'does not exist' in r.stderr and 'nope' in r.stderr


def test_catalog_cli_unknown_layout(tmp_path):
    (tmp_path/'clips').mkdir(); (tmp_path/'clips'/'a.mp4').touch()
    r = run(str(tmp_path))
    assert r.returncode == 2 and 'matches no known dataset layout' in r.stderr and 'Celeb-DF' in r.stderr


def test_catalog_cli_folder_layout(tmp_path):
    for name in ('real/a.mp4', 'fake/b.mp4', 'fake/c.mp4'):
        (tmp_path/name).parent.mkdir(exist_ok=True); (tmp_path/name).touch()
    r = run(str(tmp_path), '--csv', str(tmp_path/'catalog.csv'))
    assert r.returncode == 0, r.stderr
    assert '3 videos (2 fake)' in r.stdout and (tmp_path/'catalog.csv').read_text().count('\n') == 4


def test_dfd_console_script(tmp_path):
    "The installed `dfd` command: help, a usage error, and an unreadable input named with exit status 1."
    from dfd.model import DeepFakeMobileNet, save_checkpoint
    dfd = Path(sys.executable).parent/'dfd'
    r = subprocess.run([dfd, '--help'], capture_output=True, text=True)
    assert r.returncode == 0 and all(c in r.stdout for c in ('predict', 'preprocess', 'train', 'evaluate'))
    assert subprocess.run([dfd, 'predict'], capture_output=True, text=True).returncode == 2
    checkpoint = save_checkpoint(tmp_path/'model.pt', DeepFakeMobileNet(pretrained=False))
    (tmp_path/'clip.mp4').write_text('not a video')
    r = subprocess.run([dfd, 'predict', tmp_path/'clip.mp4', '--checkpoint', checkpoint], capture_output=True, text=True)
    assert r.returncode == 1 and 'clip.mp4: not a video' in r.stderr and 'unreadable' in r.stdout
