"""Benchmark: ways to decode the sampled frames of a video, on one core, against the reader dfd had before (OpenCV, read on with grab).

    .venv/bin/python bench/decode.py [--data ../shared/data/ffpp_c23_sample] [--videos 30] [--frames 10]

Every reader must return the frame indices of `dfd.preprocess.sample_indices` (asserted); the table gives the time per
video, the ratio against (a) measured in the same run, and how far each reader's pixels are from (a)'s (the largest and
the mean absolute difference in grey levels over every sampled frame).

(a) OpenCV, read on with grab (dfd's reader before)     (b) OpenCV, seek to each sampled frame
(c) PyAV, read on, every frame decoded, one thread      (d) PyAV, read on, FFmpeg's threads (thread_type AUTO)
(e) dfd's `read_frames`: PyAV, read on, non-reference frames far from the next sampled one not decoded, one thread
(f) torchcodec `get_frames_at`, one thread              (g) torchcodec `get_frames_at`, FFmpeg's threads
torchcodec needs FFmpeg's shared libraries (Debian: libavcodec59 ...) and is not a dependency of dfd: its rows are
left out where it does not load.
"""
import argparse, os, sys, time
from dataclasses import replace
from pathlib import Path

import av
import cv2
import numpy as np
import pandas as pd
import torch

from dfd.catalog import catalog
from dfd.preprocess import PreprocessSettings, read_frames, sample_indices, select_videos


def opencv_frames(path, frames: int, seek: bool = False) -> tuple[list, dict]:
    "dfd's reader before PyAV: the sampled frames decoded by OpenCV, reading on with grab or seeking to each, as `read_frames` returns them."
    cap = cv2.VideoCapture(str(path))
    n, fps = int(cap.get(cv2.CAP_PROP_FRAME_COUNT)), cap.get(cv2.CAP_PROP_FPS)
    wanted, out = sample_indices(n, fps, frames), []
    if seek:
        for i in wanted:
            cap.set(cv2.CAP_PROP_POS_FRAMES, i); out.append((i, cap.get(cv2.CAP_PROP_POS_MSEC), cap.read()[1]))
    else:
        for i in range(wanted[-1] + 1):
            cap.grab()
            if i in wanted: out.append((i, cap.get(cv2.CAP_PROP_POS_MSEC), cap.retrieve()[1]))
    cap.release()
    return [(i, t, cv2.cvtColor(f, cv2.COLOR_BGR2RGB)) for i, t, f in out], dict(n_frames=n, fps=fps)


def pyav_frames(path, frames: int, threads: str | None = None) -> list[tuple[int, np.ndarray]]:
    "The sampled frames (index, RGB) decoded with PyAV, every frame decoded, reading on."
    with av.open(str(path)) as box:
        stream = box.streams.video[0]
        if threads: stream.thread_type = threads
        wanted = sample_indices(stream.frames, float(stream.average_rate), frames)
        out = []
        for i, frame in enumerate(box.decode(stream)):
            if i in wanted: out.append((i, frame.to_ndarray(format='rgb24')))
            if i == wanted[-1]: break
    return out


def torchcodec_frames(path, frames: int, threads: int) -> list[tuple[int, np.ndarray]]:
    "The sampled frames (index, RGB) from torchcodec's `get_frames_at`."
    from torchcodec.decoders import VideoDecoder
    d = VideoDecoder(str(path), num_ffmpeg_threads=threads, dimension_order='NHWC')
    wanted = sample_indices(d.metadata.num_frames, d.metadata.average_fps, frames)
    return list(zip(wanted, d.get_frames_at(wanted).data.numpy()))


def torchcodec_problem() -> str:
    try: import torchcodec.decoders; return ''
    except Exception as e: return f'{type(e).__name__}: {str(e).splitlines()[0][:120]}'


def main():
    default = os.environ.get('DFD_FFPP_SAMPLE', '../shared/data/ffpp_c23_sample')
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--data', type=Path, default=default)
    p.add_argument('--videos', type=int, default=30, help='videos, half real half fake (default %(default)s)')
    p.add_argument('--frames', type=int, default=10, help='frames sampled per video (default %(default)s)')
    a = p.parse_args()
    if not a.data.is_dir(): sys.exit(f'{a.data} not found: pass --data')
    torch.set_num_threads(1); cv2.setNumThreads(1)
    settings = PreprocessSettings(frames=a.frames, max_videos_per_class=a.videos//2)
    videos = select_videos(catalog(a.data), settings, seed=0)
    indexed = lambda decoded: [(i, f) for i, _, f in decoded[0]]
    readers = {'(a) OpenCV, read on with grab (before)': lambda v: indexed(opencv_frames(v, a.frames)),
               '(b) OpenCV, seek to each frame': lambda v: indexed(opencv_frames(v, a.frames, seek=True)),
               '(c) PyAV, read on, every frame': lambda v: pyav_frames(v, a.frames),
               '(d) PyAV, read on, FFmpeg threads': lambda v: pyav_frames(v, a.frames, threads='AUTO'),
               "(e) dfd read_frames: PyAV, non-ref skipped": lambda v: indexed(read_frames(v, settings))}
    problem = torchcodec_problem()
    if not problem:
        readers['(f) torchcodec get_frames_at, 1 thread'] = lambda v: torchcodec_frames(v, a.frames, 1)
        readers['(g) torchcodec get_frames_at, FFmpeg threads'] = lambda v: torchcodec_frames(v, a.frames, 0)
    reference, rows = {}, []
    for name, read in readers.items():
        start, diffs, count = time.perf_counter(), [], 0
        for v in videos.path:
            got = read(v)
            count += len(got)
            if v not in reference: reference[v] = got; continue
            ref = reference[v]
            assert [i for i, _ in got] == [i for i, _ in ref], f'{name}: other frame indices in {v}'
            diffs += [np.abs(f.astype(np.int16) - r.astype(np.int16)) for (_, f), (_, r) in zip(got, ref)]
        seconds = time.perf_counter() - start
        rows.append(dict(reader=name, videos=len(videos), frames=count, s_per_video=round(seconds/len(videos), 3),
                         max_diff=int(max(d.max() for d in diffs)) if diffs else 0, mean_diff=round(float(np.mean([d.mean() for d in diffs])), 4) if diffs else 0.0))
    table = pd.DataFrame(rows).set_index('reader')
    table['speed-up vs (a)'] = (table.s_per_video.iloc[0]/table.s_per_video).round(2).astype(str) + 'x'
    print(f'{a.data.name}: {len(videos)} videos, {a.frames} frames each, one process, {os.cpu_count()} cores'
          + (f'; torchcodec left out ({problem})' if problem else '') + '\n')
    print(table.to_string())


if __name__ == '__main__':
    main()
