"""Benchmark: face extraction throughput of `dfd.preprocess` against the seed's naive loop, and against decoding alone.

    .venv/bin/python bench/preprocess.py [--data ../shared/data/ffpp_c23_sample] [--videos 30] [--rounds 2]

(a) pipeline: `dfd.preprocess.preprocess` (PyAV: key frames and non-reference frames skipped; MTCNN in channels-last
    memory on the whole video as one batch at 320 px with a full-resolution retry; one worker process per core);
(b) naive: seek to each sampled frame, decode at full resolution, MTCNN (as facenet-pytorch builds it) on one frame at a time (the seed's loop);
(c) decode only: the pipeline's reader without detection, in this process (all cores), the floor of one process;
(d) decode only, seeking to each sampled frame.
All four run on the same videos in the same process, `--rounds` times each, alternating (this machine's speed drifts within
minutes); the table gives every round's time and the ratios of the fastest against (b)'s fastest.
"""
import tempfile, time
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
import pandas as pd
import torch

from ffpp_sample import sample_args, sample_parser
from dfd.catalog import catalog
from dfd.faces import load_detector, square_crop
from dfd.preprocess import PreprocessSettings, preprocess, read_frames, sample_indices, select_videos


def naive(videos, settings, detector, out):
    "The seed's loop: seek, decode at full resolution, detect one frame at a time (facenet-pytorch's MTCNN as built), crop the most confident face."
    sampled = found = 0
    for v in videos.itertuples():
        cap = cv2.VideoCapture(v.path)
        n, fps = int(cap.get(cv2.CAP_PROP_FRAME_COUNT)), cap.get(cv2.CAP_PROP_FPS)
        for i in sample_indices(n, fps, settings.frames):
            cap.set(cv2.CAP_PROP_POS_FRAMES, i)
            ok, frame = cap.read()
            if not ok: continue
            sampled += 1
            rgb = cv2.cvtColor(frame, cv2.COLOR_BGR2RGB)
            with torch.inference_mode(): boxes, probs = detector.detect(rgb)
            if boxes is None: continue
            probs = np.asarray(probs, np.float32)
            if probs.max() < settings.min_prob: continue
            found += 1
            crop = square_crop(rgb, np.asarray(boxes, np.float32)[probs.argmax()], settings.margin, settings.size)
            cv2.imwrite(str(out/f'{len(list(out.iterdir()))}.jpg'), cv2.cvtColor(crop, cv2.COLOR_RGB2BGR))
        cap.release()
    return sampled, found


def decode_only(videos, settings):
    return sum(len(read_frames(p, settings)[0]) for p in videos.path), 0


def main():
    p = sample_parser(__doc__, videos_help='videos per run, half real half fake')
    p.add_argument('--rounds', type=int, default=2, help='rounds of every run, alternating; the fastest is kept (default %(default)s)')
    a = sample_args(p)
    settings = PreprocessSettings(max_videos_per_class=a.videos//2)
    videos = select_videos(catalog(a.data), settings, seed=0)
    detector = load_detector('cpu', torch.contiguous_format)      # the seed's detector: MTCNN as facenet-pytorch builds it
    rounds, found = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        runs = {'(b) naive: seek + full-res MTCNN per frame': lambda r: naive(videos, settings, detector, (tmp/f'naive{r}').mkdir() or tmp/f'naive{r}'),
                '(a) dfd.preprocess': lambda r: pipeline(videos, settings, tmp/f'crops{r}'),
                '(c) decode only (floor): read_frames': lambda r: decode_only(videos, settings),
                '(d) decode only: seek to each frame': lambda r: decode_only(videos, replace(settings, read='seek'))}
        for r in range(a.rounds):                                  # alternating, so that a drift of the machine's speed hits every run
            for name, run in runs.items():
                start = time.perf_counter(); found[name] = run(r); rounds.setdefault(name, []).append(time.perf_counter() - start)
    rows = []
    for name, (sampled, faces) in found.items():
        seconds = min(rounds[name])
        rows.append(dict(run=name, videos=len(videos), frames=sampled, seconds=round(seconds, 1), rounds=', '.join(f'{s:.1f}' for s in rounds[name]),
                         videos_per_s=round(len(videos)/seconds, 2), frames_per_s=round(sampled/seconds, 1),
                         face_found=f'{faces/sampled:.1%}' if faces else '-'))
    table = pd.DataFrame(rows).set_index('run')
    table['speed-up vs naive'] = (table.frames_per_s/table.frames_per_s.iloc[0]).round(2).astype(str) + 'x'
    print(f'{a.data.name}: {len(videos)} videos, {settings.frames} frames each, {torch.get_num_threads()} torch threads\n')
    print(table.to_string())


def pipeline(videos, settings, out):
    m = preprocess(videos, out, settings, device='cpu', progress=False)
    sampled = int((m.frame >= 0).sum()); found = int((m.status == 'ok').sum())
    return sampled, found


if __name__ == '__main__':
    main()
