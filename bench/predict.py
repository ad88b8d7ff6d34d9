"""Benchmark: `dfd predict`'s time per video against the path before issue 14, and how much of it is decoding.

    .venv/bin/python bench/predict.py [--data ../shared/data/ffpp_c23_sample] [--videos 20] [--height 720]

On the dataset's videos of the given height (FF++: 720p, 11-27 s), with the released detector, 10 frames per video:
(a) the path before issue 14: `predict_files` with OpenCV's reader (reading on, `_read_opencv`) and MTCNN in
    facenet-pytorch's NCHW layout, swapped in for this row only
(b) `predict_files`, what `dfd predict` runs: one detector and one model for all videos; each video decoded (PyAV: key
    frames and unsampled non-reference frames skipped), its faces found (MTCNN in channels-last memory, 320 px), cropped
    and scored in turn
(c) decoding alone (`read_frames`): the floor for (b) on one process, and the share of (b) it takes
(d) `predict_files(..., cluster='local')`, what `dfd predict --cluster` runs: a Dask cluster started for the call, one
    single-threaded worker process per core, each with its own detector and model; its time includes starting the
    cluster and loading the models in each worker
(a)-(c) run twice, alternating, and keep their faster round (this machine's speed drifts within minutes); (d) runs once.
Times are per video and per 10 s of video; 'time vs (a)' is against (a), measured in the same run (below 1: faster).
"""
import os, sys, time
from contextlib import contextmanager
from pathlib import Path

import cv2
import pandas as pd
import torch

from ffpp_sample import sample_args, sample_parser
import dfd.cli, dfd.inference
from dfd.catalog import catalog
from dfd.cli import predict_files
from dfd.inference import load_model, predict_video, released_detector
from dfd.preprocess import PreprocessSettings, _read_opencv, read_frames


def video_shape(path) -> tuple[int, float]:
    "Height and duration in seconds that the container reports."
    cap = cv2.VideoCapture(str(path))
    try: return int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT)), cap.get(cv2.CAP_PROP_FRAME_COUNT)/(cap.get(cv2.CAP_PROP_FPS) or 25)
    finally: cap.release()


@contextmanager
def path_before():
    "`predict_files` as before issue 14: OpenCV's reader, and MTCNN's networks in the NCHW layout facenet-pytorch builds them in."
    load_detector, read = dfd.cli.load_detector, dfd.inference.read_frames
    dfd.cli.load_detector = lambda device: load_detector(device, torch.contiguous_format)
    dfd.inference.read_frames = lambda path, settings: _read_opencv(Path(path), settings)
    try: yield
    finally: dfd.cli.load_detector, dfd.inference.read_frames = load_detector, read


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
    def before():
        with path_before(): return predict_files([str(v) for v in paths], model)
    runs = {'(a) before issue 14: OpenCV reader, NCHW MTCNN': before,
            '(b) predict_files (dfd predict)': lambda: predict_files([str(v) for v in paths], model),
            '(c) decoding alone (read_frames)': lambda: [read_frames(v, settings) for v in paths]}
    best, probs = {}, {}
    for _ in range(2):
        for name, run in runs.items():
            start = time.perf_counter(); out = run(); best[name] = min(best.get(name, float('inf')), time.perf_counter() - start)
            if name[1] in 'ab': probs[name[1]] = [r.fake_prob for r in out]
    name = "(d) predict_files(cluster='local') (dfd predict --cluster)"
    start = time.perf_counter(); probs['d'] = [r.fake_prob for r in predict_files([str(v) for v in paths], model, cluster='local')]
    best[name] = time.perf_counter() - start
    table = pd.DataFrame([dict(path=n, videos=len(paths), s_per_video=round(s/len(paths), 3), s_per_10s_of_video=round(10*s/seconds_of_video, 3))
                          for n, s in best.items()]).set_index('path')
    table['time vs (a)'] = (table.s_per_video/table.s_per_video.iloc[0]).round(2)
    print(f'{a.data.name}: {len(paths)} videos of {a.height}p, {seconds_of_video/len(paths):.1f} s each on average, '
          f'{settings.frames} frames each, {torch.get_num_threads()} torch threads, {os.cpu_count()} cores\n')
    print(table.to_string())
    print('\nlargest difference of a fake probability: '
          + ', '.join(f"({x}) and (b) {max(abs(p - q) for p, q in zip(probs[x], probs['b'])):.2g}" for x in 'ad'))


if __name__ == '__main__':
    main()
