"""Benchmark: preprocessing on a distributed engine against dfd's local worker processes, on the same videos.

    .venv/bin/python bench/cluster.py [--data ../shared/data/ffpp_c23_sample] [--videos 30] [--workers 2]

(a) local: `preprocess(..., workers=--workers)`, spawned worker processes (`worker_map`), the baseline;
(b) Dask: `preprocess(..., cluster=ADDRESS)` on a `LocalCluster` of `--workers` single-threaded worker processes;
(c) Ray (if importable; not a dfd dependency): `--workers` actors, each with its detector, running the same
    `decode_and_finish`, results saved by the driver with the same `save_video`.
Each engine gets a fresh output folder; its start (cluster up, workers ready) is timed apart from the videos (for (a),
starting its processes is part of the videos' time: it starts them per run), and its crops and manifest are compared with
(a) byte for byte. In every engine a worker loads its detector at its first video. A second table gives each engine's cost per task: 500 tasks
that do nothing, submitted at once.
"""
import tempfile, time
from pathlib import Path

import pandas as pd

from ffpp_sample import sample_args, sample_parser
from dfd.catalog import catalog
from dfd.preprocess import PreprocessSettings, decode_and_finish, preprocess, save_video, select_videos


def noop(i): return i


def files(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob('*') if p.is_file() and p.name != 'settings.json'}


def dask_engine(workers):
    from distributed import Client, LocalCluster
    start = time.perf_counter()
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None)
    client = Client(cluster); client.wait_for_workers(workers)
    up = time.perf_counter() - start
    def run(videos, settings, out): preprocess(videos, out, settings, cluster=cluster.scheduler_address, progress=False)
    def tasks(n): return client.gather(client.map(noop, range(n), pure=False))
    def stop(): client.close(); cluster.close()
    return up, run, tasks, stop


def ray_engine(workers):
    import ray
    from ray.util import ActorPool
    start = time.perf_counter()
    ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)

    @ray.remote(num_cpus=1)
    class Worker:
        def ready(self): return True
        def run(self, video, settings): return decode_and_finish(video, settings)
    actors = [Worker.remote() for _ in range(workers)]
    ray.get([a.ready.remote() for a in actors])
    up = time.perf_counter() - start
    remote_noop = ray.remote(num_cpus=0)(noop)

    def run(videos, settings, out):                       # what preprocess does around its engine, for the comparison
        out.mkdir(parents=True, exist_ok=True)
        todo = select_videos(videos, settings, 42).to_dict('records')
        for video, (rows, crops) in zip(todo, ActorPool(actors).map(lambda a, v: a.run.remote(v, settings), todo)): save_video(out, video, rows, crops)
        preprocess(videos, out, settings, progress=False)  # every video is done: this only assembles the manifest
    def tasks(n): return ray.get([remote_noop.remote(i) for i in range(n)])
    return up, run, tasks, ray.shutdown


def main():
    p = sample_parser(__doc__)
    p.add_argument('--workers', type=int, default=2, help='worker processes in every engine (default %(default)s)')
    a = sample_args(p)
    settings = PreprocessSettings(max_videos_per_class=a.videos//2)
    videos = catalog(a.data)
    n = len(select_videos(videos, settings, 42))
    rows, overhead = [], []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        start = time.perf_counter(); preprocess(videos, tmp/'local', settings, workers=a.workers, progress=False)
        seconds = time.perf_counter() - start
        baseline = files(tmp/'local')
        rows.append(dict(engine='(a) local worker processes', start_s=0.0, videos_s=round(seconds, 1), videos_per_s=round(n/seconds, 2), same_as_local='-'))
        for name, engine in (('(b) Dask LocalCluster', dask_engine), ('(c) Ray actors', ray_engine)):
            try: up, run, tasks, stop = engine(a.workers)
            except ImportError as e:
                rows.append(dict(engine=name, start_s=None, videos_s=None, videos_per_s=None, same_as_local=f'not installed ({e.name})')); continue
            try:
                start = time.perf_counter(); run(videos, settings, tmp/name[:3]); seconds = time.perf_counter() - start
                rows.append(dict(engine=name, start_s=round(up, 1), videos_s=round(seconds, 1), videos_per_s=round(n/seconds, 2),
                                 same_as_local=str(files(tmp/name[:3]) == baseline)))
                tasks(50)                                   # warm
                start = time.perf_counter(); tasks(500); overhead.append(dict(engine=name, ms_per_task=round((time.perf_counter() - start)*2, 2)))
            finally: stop()
    table = pd.DataFrame(rows).set_index('engine')
    table['total_s'] = table.start_s + table.videos_s
    table['speed vs local (videos)'] = (table.videos_per_s/table.videos_per_s.iloc[0]).round(2)
    table['speed vs local (total)'] = (table.total_s.iloc[0]/table.total_s).round(2)
    print(f'{a.data.name}: {n} videos, {settings.frames} frames each, {a.workers} workers in every engine\n')
    print(table.to_string())
    if overhead: print('\n' + pd.DataFrame(overhead).set_index('engine').to_string())


if __name__ == '__main__':
    main()
