"""What the benchmarks on the FF++ sample share: where the sample is (`--data`, default `$DFD_FFPP_SAMPLE`, else the
project's `../shared` copy) and how many of its videos to use (`--videos`)."""
import argparse, os, sys
from pathlib import Path


def sample_parser(doc: str, videos: int = 30, videos_help: str = 'videos, half real half fake') -> argparse.ArgumentParser:
    "A parser with the benchmark's docstring, `--data` and `--videos`; add the benchmark's own options to it."
    p = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--data', type=Path, default=os.environ.get('DFD_FFPP_SAMPLE', '../shared/data/ffpp_c23_sample'))
    p.add_argument('--videos', type=int, default=videos, help=f'{videos_help} (default %(default)s)')
    return p


def sample_args(p: argparse.ArgumentParser) -> argparse.Namespace:
    "The parsed options; exit with a message if the sample is not where `--data` says."
    a = p.parse_args()
    if not a.data.is_dir(): sys.exit(f'{a.data} not found: pass --data')
    return a
