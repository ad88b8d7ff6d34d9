"""The console scripts: helpful errors for bad input, a summary for good input."""
import subprocess, sys


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
