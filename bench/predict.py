"""Benchmark: `dfd predict`'s time per video, and how much of it is decoding.

    .venv/bin/python bench/predict.py [--data ../shared/data/ffpp_c23_sample] [--videos 20] [--height 720]

On the dataset's videos of the given height (FF++: 720p, 11-27 s), with the released detector, 10 frames per video:
(a) `predict_files`, what `dfd predict` runs: one detector and one model for all videos; each video decoded, its faces
    found (MTCNN at 320 px), cropped and scored in turn
(b) decoding alone (`read_frames`, OpenCV): the floor for (a) on one process, and the share of (a) it takes
(c) `predict_files(..., cluster='local')`, what `dfd predict --cluster` runs: a Dask cluster started for the call, one
    single-threaded worker process per core, each with its own detector and model, so that one worker decodes while the
    other detects and scores; the time includes starting the cluster and loading the models in each worker
Times are per video and per 10 s of video; 'time vs (a)' is against (a), measured in the same run (below 1: faster).
A thread decoding the next video while this one is scored was measured too (issue 14): 0.86x of (a) on 2 cores, where
OpenCV's decoding threads and torch's compete for the same cores, so `dfd predict` does not do it.
"""
import os, sys, time
from pathlib import Path

import cv2
import pandas as pd
import torch

from ffpp_sample import sample_args, sample_parser
from dfd.catalog import catalog
from dfd.cli import predict_files
from dfd.inference import load_model, predict_video, released_detector
from dfd.preprocess import PreprocessSettings, read_frames


def video_shape(path) -> tuple[int, float]:
    "Height and duration in seconds that the container reports."
    cap = cv2.VideoCapture(str(path))
    try: return int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT)), cap.get(cv2.CAP_PROP_FRAME_COUNT)/(cap.get(cv2.CAP_PROP_FPS) or 25)
    finally: cap.release()


def main():
    p = sample_parser(__doc__, videos=20, videos_help='videos of the given height')
    p.add_argument('--height', type=int, default=720)
    a = sample_args(p)
    shapes = {Path(v): video_shape(v) for v in catalog(a.data).path}
    paths = [v for v, (h, _) in shapes.items() if h == a.height][:a.videos]
    if not paths: sys.exit(f'no {a.height}p video in {a.data}')
    seconds_of_video = sum(shapes[v][1] for v in paths)
    settings, model = PreprocessSettings(), load_model(released_detector(), 'cpu')
    predict_video(paths[0], model)                                            # warm up
    runs = {'(a) predict_files (dfd predict)': lambda: predict_files([str(v) for v in paths], model),
            '(b) decoding alone (read_frames)': lambda: [read_frames(v, settings) for v in paths],
            "(c) predict_files(cluster='local') (dfd predict --cluster)": lambda: predict_files([str(v) for v in paths], model, cluster='local')}
    rows, probs = [], {}
    for name, run in runs.items():
        start = time.perf_counter(); out = run(); s = time.perf_counter() - start
        if name[1] in 'ac': probs[name[1]] = [r.fake_prob for r in out]
        rows.append(dict(path=name, videos=len(paths), s_per_video=round(s/len(paths), 3), s_per_10s_of_video=round(10*s/seconds_of_video, 3)))
    table = pd.DataFrame(rows).set_index('path')
    table['time vs (a)'] = (table.s_per_video/table.s_per_video.iloc[0]).round(2)
    print(f'{a.data.name}: {len(paths)} videos of {a.height}p, {seconds_of_video/len(paths):.1f} s each on average, '
          f'{settings.frames} frames each, {torch.get_num_threads()} torch threads, {os.cpu_count()} cores\n')
    print(table.to_string())
    print(f"\nlargest difference of a fake probability between (a) and (c): {max(abs(x - y) for x, y in zip(probs['a'], probs['c'])):.2g}")


if __name__ == '__main__':
    main()
