"""Benchmark: ways to decode the sampled frames of a video, on one process, against dfd's reader (OpenCV, read on with grab).

    .venv/bin/python bench/decode.py [--data ../shared/data/ffpp_c23_sample] [--videos 30] [--frames 10]

Every reader must return the frame indices of `dfd.preprocess.sample_indices` (asserted); the table gives the time per
video, the ratio against (a) measured in the same run, and how far each reader's pixels are from (a)'s (the largest and
the mean absolute difference in grey levels over every sampled frame).

(a) dfd's `read_frames`: OpenCV, read on with grab (OpenCV's FFmpeg uses a thread per core)   (b) the same, seeking to each frame
(c) PyAV, every frame decoded, one thread          (d) PyAV, every frame decoded, FFmpeg's frame threads
(e) PyAV, non-reference frames not decoded while the next sampled frame is more than NEAR frames ahead
    (`skip_frame = 'NONREF'`, FFmpeg's AVDISCARD_NONREF), one thread      (f) the same with FFmpeg's frame threads
(g) torchcodec `get_frames_at`, one thread          (h) torchcodec `get_frames_at`, FFmpeg's threads
PyAV is a dependency of dfd (`read_frames` falls back on it for codecs OpenCV cannot decode, such as AV1); torchcodec (which also
needs FFmpeg's shared libraries, Debian: libavcodec59 ...) is not: its rows are left out where it does not load.
"""
import os, time
from dataclasses import replace

import numpy as np
import pandas as pd
import torch

from ffpp_sample import sample_args, sample_parser
from dfd.catalog import catalog
from dfd.preprocess import PreprocessSettings, read_frames, sample_indices, select_videos

NEAR = 16   # decode every frame once the next sampled frame is this close (a B-frame is reordered by a few frames)


def pyav_frames(path, frames: int, threads: str | None = None, skip_nonref: bool = False) -> list[tuple[int, np.ndarray]]:
    "The sampled frames (index, RGB) decoded with PyAV, reading on from the start."
    import av
    with av.open(str(path)) as box:
        stream = box.streams.video[0]
        if threads: stream.thread_type = threads
        else: stream.thread_count = 1
        rate, start = stream.average_rate, stream.start_time or 0
        index = lambda pts: round(float((pts - start)*stream.time_base*rate))
        todo, out = sample_indices(stream.frames, float(rate), frames), []
        for packet in box.demux(stream):
            if skip_nonref and packet.pts is not None:
                stream.codec_context.skip_frame = 'NONREF' if todo[0] - index(packet.pts) > NEAR else 'DEFAULT'
            for frame in packet.decode():
                if todo and index(frame.pts) == todo[0]: out.append((todo.pop(0), frame.to_ndarray(format='rgb24')))
            if not todo: break
    return out


def torchcodec_frames(path, frames: int, threads: int) -> list[tuple[int, np.ndarray]]:
    "The sampled frames (index, RGB) from torchcodec's `get_frames_at`."
    from torchcodec.decoders import VideoDecoder
    d = VideoDecoder(str(path), num_ffmpeg_threads=threads, dimension_order='NHWC')
    wanted = sample_indices(d.metadata.num_frames, d.metadata.average_fps, frames)
    return list(zip(wanted, d.get_frames_at(wanted).data.numpy()))


def problem(module: str) -> str:
    "Why `module` cannot be used here, or ''."
    try: __import__(module); return ''
    except Exception as e: return f'{type(e).__name__}: {str(e).splitlines()[0][:120]}'


def main():
    p = sample_parser(__doc__)
    p.add_argument('--frames', type=int, default=10, help='frames sampled per video (default %(default)s)')
    a = sample_args(p)
    torch.set_num_threads(1)
    settings = PreprocessSettings(frames=a.frames, max_videos_per_class=a.videos//2)
    videos = select_videos(catalog(a.data), settings, seed=0)
    indexed = lambda decoded: [(i, f) for i, _, f in decoded[0]]
    readers = {"(a) dfd read_frames: OpenCV, read on": lambda v: indexed(read_frames(v, replace(settings, read='grab'))),
               '(b) OpenCV, seek to each frame': lambda v: indexed(read_frames(v, replace(settings, read='seek')))}
    left_out = {m: why for m in ('av', 'torchcodec.decoders') if (why := problem(m))}
    if 'av' not in left_out:
        readers |= {'(c) PyAV, every frame, 1 thread': lambda v: pyav_frames(v, a.frames),
                    '(d) PyAV, every frame, frame threads': lambda v: pyav_frames(v, a.frames, threads='AUTO'),
                    '(e) PyAV, non-ref skipped, 1 thread': lambda v: pyav_frames(v, a.frames, skip_nonref=True),
                    '(f) PyAV, non-ref skipped, frame threads': lambda v: pyav_frames(v, a.frames, threads='AUTO', skip_nonref=True)}
    if 'torchcodec.decoders' not in left_out:
        readers |= {'(g) torchcodec get_frames_at, 1 thread': lambda v: torchcodec_frames(v, a.frames, 1),
                    '(h) torchcodec get_frames_at, FFmpeg threads': lambda v: torchcodec_frames(v, a.frames, 0)}
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
          + ''.join(f'; {m} left out ({why})' for m, why in left_out.items()) + '\n')
    print(table.to_string())


if __name__ == '__main__':
    main()
