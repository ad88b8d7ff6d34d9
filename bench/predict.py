"""Benchmark: `dfd predict`'s time per video, decoding the next video in a thread, against one video after another.

    .venv/bin/python bench/predict.py [--data ../shared/data/ffpp_c23_sample] [--videos 20] [--height 720]

On the dataset's videos of the given height (FF++: 720p, 11-27 s), with the released detector, 10 frames per video:
(a) `predict_video`, one video after another: decode, find faces, score (one detector and model for all)
(b) `predict_files`: the same, with a thread decoding the next video while this one is scored (what `dfd predict` runs)
Times are per video and per 10 s of video; the ratio is against (a), measured in the same run. The verdicts must agree.
"""
import argparse, os, sys, time
from pathlib import Path

import av
import pandas as pd
import torch

from dfd.catalog import catalog
from dfd.cli import predict_files
from dfd.faces import load_detector
from dfd.inference import load_model, predict_video, released_detector
from dfd.preprocess import PreprocessSettings


def duration(path) -> float:
    with av.open(str(path)) as box: s = box.streams.video[0]; return float(s.frames/s.average_rate)


def main():
    default = os.environ.get('DFD_FFPP_SAMPLE', '../shared/data/ffpp_c23_sample')
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--data', type=Path, default=default)
    p.add_argument('--videos', type=int, default=20)
    p.add_argument('--height', type=int, default=720)
    a = p.parse_args()
    if not a.data.is_dir(): sys.exit(f'{a.data} not found: pass --data')
    paths = [Path(v) for v in catalog(a.data).path if av.open(str(v)).streams.video[0].codec_context.height == a.height][:a.videos]
    if not paths: sys.exit(f'no {a.height}p video in {a.data}')
    seconds_of_video = sum(map(duration, paths))
    settings, model = PreprocessSettings(), load_model(released_detector(), 'cpu')
    detector = load_detector('cpu')
    predict_video(paths[0], model, detector)                                  # warm up
    runs = {'(a) predict_video, one after another': lambda: [predict_video(v, model, detector) for v in paths],
            '(b) predict_files: decoding ahead in a thread': lambda: predict_files([str(v) for v in paths], model)}
    rows, verdicts = [], {}
    for name, run in runs.items():
        start = time.perf_counter(); results = run(); s = time.perf_counter() - start
        verdicts[name] = [str(round(r.fake_prob, 3)) for r in results]      # as text: a video without a face is nan in each
        rows.append(dict(path=name, videos=len(paths), s_per_video=round(s/len(paths), 3), s_per_10s_of_video=round(10*s/seconds_of_video, 3)))
    table = pd.DataFrame(rows).set_index('path')
    table['speed-up vs (a)'] = (table.s_per_video.iloc[0]/table.s_per_video).round(2).astype(str) + 'x'
    print(f'{a.data.name}: {len(paths)} videos of {a.height}p, {seconds_of_video/len(paths):.1f} s each on average, '
          f'{settings.frames} frames each, {torch.get_num_threads()} torch threads, {os.cpu_count()} cores\n')
    print(table.to_string())
    same = len({tuple(v) for v in verdicts.values()}) == 1
    print('\nfake probabilities: ' + ('the same in every path' if same else f'DIFFER: {verdicts}'))


if __name__ == '__main__':
    main()
