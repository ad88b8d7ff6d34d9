"""Benchmark: ways to decode the sampled frames of a video, against OpenCV reading on (dfd's reader before issue 14).

    .venv/bin/python bench/decode.py [--data ../shared/data/ffpp_c23_sample] [--videos 30] [--frames 10]

Every reader must return the frame indices of (a) (asserted); the table gives the time per video, the ratio against (a)
measured in the same run with the same threads, and how far each reader's pixels are from (a)'s (the largest and the mean
absolute difference in grey levels over every sampled frame). Each reader runs twice over the videos, alternating with
the others, and keeps its faster round (this machine's speed drifts within minutes). Two thread settings: one thread
(`limit_threads(1)`, as in a preprocessing worker process, one per core) and every core (as `dfd predict` runs).

(a) OpenCV, read on with grab                    (b) OpenCV, seek to each frame
(c) dfd `read_frames` (read='auto'): PyAV, to the key frame before a sampled frame where that skips frames,
    non-reference frames not sampled are not decoded (`skip_frame = 'NONREF'`)
(d) dfd `read_frames` (read='grab'): PyAV reading on, with the same skipping
(e) PyAV reading on, every frame decoded (no skipping)
(f) torchcodec `get_frames_at` (only where it loads: it is not a dependency of dfd, and needs FFmpeg's shared libraries)
"""
import os, time
from dataclasses import replace

import numpy as np
import pandas as pd

from ffpp_sample import sample_args, sample_parser
from dfd.catalog import catalog
from dfd.core import limit_threads
from dfd.preprocess import PreprocessSettings, _read_opencv, read_frames, sample_indices, select_videos


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
    p = sample_parser(__doc__)
    p.add_argument('--frames', type=int, default=10, help='frames sampled per video (default %(default)s)')
    a = sample_args(p)
    settings = PreprocessSettings(frames=a.frames, max_videos_per_class=a.videos//2)
    videos = list(select_videos(catalog(a.data), settings, seed=0).path)
    indexed = lambda decoded: [(i, f) for i, _, f in decoded[0]]
    wanted = {}
    def opencv(v, read):
        frames = indexed(_read_opencv(v, replace(settings, read=read)))
        wanted[v] = {i for i, _ in frames}
        return frames
    readers = {'(a) OpenCV, read on (before)': lambda v, t: opencv(v, 'grab'),
               '(b) OpenCV, seek to each frame': lambda v, t: opencv(v, 'seek'),
               "(c) dfd read_frames: PyAV, key frames + non-ref skipped": lambda v, t: indexed(read_frames(v, settings)),
               "(d) dfd read_frames, read='grab': PyAV read on + non-ref skipped": lambda v, t: indexed(read_frames(v, replace(settings, read='grab'))),
               '(e) PyAV read on, every frame decoded': lambda v, t: pyav_every_frame(v, wanted[v], t)}
    left_out = {m: why for m in ('torchcodec.decoders',) if (why := problem(m))}
    if not left_out: readers['(f) torchcodec get_frames_at'] = lambda v, t: torchcodec_frames(v, wanted[v], t)
    rows = []
    for threads in (1, os.cpu_count()):
        limit_threads(threads)
        reference, best, diffs = {}, {}, {}
        for _ in range(2):
            for name, read in readers.items():
                start, diffs[name], count = time.perf_counter(), [], 0
                for v in videos:
                    got = read(v, threads)
                    count += len(got)
                    ref = reference.setdefault(v, got)
                    assert [i for i, _ in got] == [i for i, _ in ref], f'{name}: other frame indices in {v}'
                    diffs[name] += [np.abs(f.astype(np.int16) - r.astype(np.int16)) for (_, f), (_, r) in zip(got, ref)]
                best[name] = min(best.get(name, np.inf), time.perf_counter() - start)
        for name in readers:
            rows.append(dict(threads=threads, reader=name, videos=len(videos), s_per_video=round(best[name]/len(videos), 3),
                             max_diff=int(max(d.max() for d in diffs[name])), mean_diff=round(float(np.mean([d.mean() for d in diffs[name]])), 4)))
    table = pd.DataFrame(rows).set_index(['threads', 'reader'])
    table['speed-up vs (a)'] = (table.s_per_video.groupby(level='threads').transform('first')/table.s_per_video).round(2).astype(str) + 'x'
    print(f'{a.data.name}: {len(videos)} videos, {a.frames} frames each, one process, {os.cpu_count()} cores'
          + ''.join(f'; {m} left out ({why})' for m, why in left_out.items()) + '\n')
    print(table.to_string())


if __name__ == '__main__':
    main()
