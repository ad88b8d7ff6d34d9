"""Benchmark: ways to decode the sampled frames of a video, against OpenCV reading on as dfd did before issue 14.

    .venv/bin/python bench/decode.py [--data ../shared/data/ffpp_c23_sample] [--videos 10] [--frames 10]

Every reader must return the frame indices of (a) (asserted); the table gives the wall and CPU time per video (CPU: of
every thread of this process), the ratios against (a) measured in the same run with the same thread setting, and how far
each reader's pixels are from (a)'s (the largest and the mean absolute difference in grey levels over every sampled
frame, computed outside the timing). Each reader runs twice over the videos, alternating with the others, and keeps its
faster round (this machine's speed drifts within minutes). Two settings: one thread (`limit_threads(1)`, as in a
preprocessing worker process, one per core; CPU time is what counts there, since the other cores are busy too) and every
core (as `dfd predict` runs; wall time counts).

(a) OpenCV, read on with grab, as before issue 14: FFmpeg's own thread count (one per core) whatever `limit_threads` says
(b) OpenCV, read on, on the threads OpenCV was given (`open_video`: dfd's fallback reader now)
(c) OpenCV, seek to each frame
(d) dfd's PyAV reader (`_read_pyav`, read='auto'): to the key frame before a sampled frame where that skips frames,
    unsampled non-reference frames not decoded (`skip_frame = 'NONREF'`, H.264)
(e) the same reading on (read='grab')
(f) PyAV reading on, every frame decoded (no skipping)
(g) torchcodec `get_frames_at` (only where it loads: it is not a dependency of dfd, and needs FFmpeg's shared libraries)
"""
import os, time
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
import pandas as pd

from ffpp_sample import sample_args, sample_parser
import dfd.preprocess
from dfd.catalog import catalog
from dfd.core import limit_threads
from dfd.preprocess import PreprocessSettings, _read_opencv, _read_pyav, select_videos


def opencv_as_before(path, settings):
    "OpenCV's reader with the capture opened as before issue 14 (no thread count: FFmpeg starts one per core)."
    open_video = dfd.preprocess.open_video
    dfd.preprocess.open_video = lambda p: cv2.VideoCapture(str(p))
    try: return _read_opencv(Path(path), settings)
    finally: dfd.preprocess.open_video = open_video


def pyav_every_frame(path, wanted: set[int], threads: int) -> list[tuple[int, np.ndarray]]:
    "The `wanted` frames (index, RGB) decoded with PyAV, reading on from the start and decoding every frame."
    import av
    with av.open(str(path)) as box:
        stream = box.streams.video[0]
        stream.thread_type, stream.codec_context.thread_count = 'AUTO', threads
        out = []
        for i, frame in enumerate(box.decode(stream)):
            if i in wanted: out.append((i, frame.to_ndarray(format='rgb24')))
            if i >= max(wanted): break
    return out


def torchcodec_frames(path, wanted: set[int], threads: int) -> list[tuple[int, np.ndarray]]:
    "The `wanted` frames (index, RGB) from torchcodec's `get_frames_at`."
    from torchcodec.decoders import VideoDecoder
    d = VideoDecoder(str(path), num_ffmpeg_threads=threads, dimension_order='NHWC')
    return list(zip(sorted(wanted), d.get_frames_at(sorted(wanted)).data.numpy()))


def problem(module: str) -> str:
    "Why `module` cannot be used here, or ''."
    try: __import__(module); return ''
    except Exception as e: return f'{type(e).__name__}: {str(e).splitlines()[0][:120]}'


def main():
    p = sample_parser(__doc__, videos=10)
    p.add_argument('--frames', type=int, default=10, help='frames sampled per video (default %(default)s)')
    a = sample_args(p)
    settings = PreprocessSettings(frames=a.frames, max_videos_per_class=a.videos//2)
    videos = list(select_videos(catalog(a.data), settings, seed=0).path)
    indexed = lambda decoded: [(i, f) for i, _, f in decoded[0]]
    wanted = {}
    def before(v):
        frames = indexed(opencv_as_before(v, settings))
        wanted[v] = {i for i, _ in frames}
        return frames
    readers = {'(a) OpenCV read on, as before (FFmpeg threads: one per core)': lambda v, t: before(v),
               '(b) OpenCV read on, on the threads OpenCV was given': lambda v, t: indexed(_read_opencv(Path(v), settings)),
               '(c) OpenCV, seek to each frame': lambda v, t: indexed(_read_opencv(Path(v), replace(settings, read='seek'))),
               "(d) dfd PyAV reader: key frames + non-ref skipped": lambda v, t: indexed(_read_pyav(Path(v), settings)),
               "(e) dfd PyAV reader, read='grab': read on + non-ref skipped": lambda v, t: indexed(_read_pyav(Path(v), replace(settings, read='grab'))),
               '(f) PyAV read on, every frame decoded': lambda v, t: pyav_every_frame(v, wanted[v], t)}
    left_out = {m: why for m in ('torchcodec.decoders',) if (why := problem(m))}
    if not left_out: readers['(g) torchcodec get_frames_at'] = lambda v, t: torchcodec_frames(v, wanted[v], t)
    rows = []
    for threads in (1, os.cpu_count()):
        limit_threads(threads)
        reference, wall, cpu, diffs = {}, {}, {}, {}
        for _ in range(2):
            for name, read in readers.items():
                seconds, cpu_seconds, diffs[name] = 0.0, 0.0, []
                for v in videos:
                    start, start_cpu = time.perf_counter(), time.process_time()
                    got = read(v, threads)
                    seconds += time.perf_counter() - start; cpu_seconds += time.process_time() - start_cpu
                    ref = reference.setdefault(v, got)
                    assert [i for i, _ in got] == [i for i, _ in ref], f'{name}: other frame indices in {v}'
                    diffs[name] += [(int(d.max()), float(d.mean())) for d in (np.abs(f.astype(np.int16) - r.astype(np.int16)) for (_, f), (_, r) in zip(got, ref))]
                wall[name], cpu[name] = min(wall.get(name, np.inf), seconds), min(cpu.get(name, np.inf), cpu_seconds)
        for name in readers:
            rows.append(dict(threads=threads, reader=name, videos=len(videos), wall_s_per_video=round(wall[name]/len(videos), 3),
                             cpu_s_per_video=round(cpu[name]/len(videos), 3), max_diff=max(m for m, _ in diffs[name]),
                             mean_diff=round(float(np.mean([m for _, m in diffs[name]])), 4)))
    table = pd.DataFrame(rows).set_index(['threads', 'reader'])
    for kind in ('wall', 'cpu'):
        col = table[f'{kind}_s_per_video']
        table[f'{kind} speed-up vs (a)'] = (col.groupby(level='threads').transform('first')/col).round(2).astype(str) + 'x'
    print(f'{a.data.name}: {len(videos)} videos, {a.frames} frames each, one process, {os.cpu_count()} cores'
          + ''.join(f'; {m} left out ({why})' for m, why in left_out.items()) + '\n')
    print(table.to_string())


if __name__ == '__main__':
    main()
