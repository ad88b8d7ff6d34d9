"""Benchmark: MTCNN on the sampled frames of each video, its networks in channels-last memory (`dfd.faces.load_detector`) against
the contiguous (NCHW) layout facenet-pytorch builds them in.

    .venv/bin/python bench/detect.py [--data ../shared/data/ffpp_c23_sample] [--videos 20] [--threads 1]

Both detect the same decoded frames (`detect_batch`: 320 px, one batch a video) on `--threads` torch threads (1: as in a
preprocessing worker process); the table gives the time per video, the ratio against (a) measured in the same run (two
rounds each, alternating, the faster kept), the faces found, and the largest difference of a box corner between the two.
"""
import os, time

import numpy as np
import pandas as pd
import torch

from ffpp_sample import sample_args, sample_parser
from dfd.catalog import catalog
from dfd.core import limit_threads
from dfd.faces import detect_batch, load_detector
from dfd.preprocess import PreprocessSettings, read_frames, select_videos


def main():
    p = sample_parser(__doc__, videos=20, videos_help='videos, half real half fake')
    p.add_argument('--threads', type=int, default=1, help='torch threads (default %(default)s: one, as a preprocessing worker)')
    a = sample_args(p)
    limit_threads(a.threads)
    settings = PreprocessSettings(max_videos_per_class=a.videos//2)
    videos = [[f for _, _, f in read_frames(path, settings)[0]] for path in select_videos(catalog(a.data), settings, seed=0).path]
    detectors = {'(a) NCHW (facenet-pytorch as built)': load_detector('cpu', torch.contiguous_format), '(b) channels-last (dfd load_detector)': load_detector('cpu')}
    best, found = {}, {}
    for _ in range(2):
        for name, detector in detectors.items():
            start = time.perf_counter()
            found[name] = [detect_batch(detector, frames, settings.detect_size, settings.min_prob) for frames in videos]
            best[name] = min(best.get(name, np.inf), time.perf_counter() - start)
    (nchw_found, ours_found), n = found.values(), len(videos)
    corner = max(float(np.abs(x['boxes'] - y['boxes']).max(initial=0)) for va, vb in zip(nchw_found, ours_found) for x, y in zip(va, vb))
    table = pd.DataFrame([dict(layout=name, videos=n, frames=sum(map(len, videos)), s_per_video=round(best[name]/n, 3),
                               frames_with_a_face=sum((d['probs'] >= settings.min_prob).any() for v in found[name] for d in v))
                          for name in detectors]).set_index('layout')
    table['speed-up vs (a)'] = (table.s_per_video.iloc[0]/table.s_per_video).round(2).astype(str) + 'x'
    print(f'{a.data.name}: {n} videos, {settings.frames} frames each at {settings.detect_size} px, {torch.get_num_threads()} torch thread(s), {os.cpu_count()} cores\n')
    print(table.to_string())
    print(f'\nlargest difference of a box corner between (a) and (b): {corner:.2g} px')


if __name__ == '__main__':
    main()
