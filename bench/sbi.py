"""Benchmarks of self-blended training on this CPU: self-blends per second, then training throughput with SBI on and off.

    .venv/bin/python bench/sbi.py [--batches 20]

Self-blends: `self_blend` of one 224x224 crop with its landmarks, alone and with `pair_augment` (the work a loader does per real crop),
in images per second on one core; the baseline row is reading and decoding the crop.
Training: a `dfd.train.Learner` (with its `Recorder`) over --batches batches of the configured dataset's training crops
(DFD_DATA; default the demo set, preprocessed and split first), plain crops (`CropDataset`, batches of 32) against real crops
with their self-blends (`SelfBlendDataset`, 16 pairs = 32 images), with DataLoader workers 0 and 2 (spawned; the second of two
passes is timed). It reports images/s and the share of the pass spent waiting for data. Ratios are against the first row of each
table, measured in the same run.
"""
import argparse, tempfile, time
from pathlib import Path

import numpy as np
import pandas as pd
import torch
from torch import nn
from torch.utils.data import DataLoader

from dfd.core import get_config, loader_workers, seed_everything
from dfd.data import CropDataset, SelfBlendDataset, collate_pairs, crop_transforms, pair_augment, split_crops
from dfd.faces import read_image
from dfd.model import DeepFakeMobileNet
from dfd.synthetic import self_blend
from dfd.train import Learner, Recorder


def per_second(fn, n: int) -> float:
    start = time.perf_counter()
    for i in range(n): fn(i)
    return n/(time.perf_counter() - start)


def blend_table(cfg, n=200):
    rows = split_crops(cfg)['train'].query('label == 0').head(n)
    ds = SelfBlendDataset(rows, cfg.crops, augment=True)
    usable = [i for i, p in enumerate(ds.problems) if not p]
    images = {i: read_image(ds.paths[i]) for i in usable}
    rng, pick = np.random.default_rng(0), lambda i: usable[i % len(usable)]
    out = {'read_image': per_second(lambda i: read_image(ds.paths[pick(i)]), n),
           'self_blend': per_second(lambda i: self_blend(images[pick(i)], ds.landmarks[pick(i)], rng), n),
           'self_blend + pair_augment': per_second(lambda i: pair_augment(list(self_blend(images[pick(i)], ds.landmarks[pick(i)], rng)[:2]), rng), n),
           'SelfBlendDataset item (read, blend, augment, tensors)': per_second(lambda i: ds[pick(i)], n)}
    t = pd.DataFrame({'per_s': out}).round(1).rename_axis(f'one core, {len(usable)} real crops')
    t['time vs read_image'] = (t.per_s.iloc[0]/t.per_s).round(2).astype(str) + 'x'
    return t


def training_table(cfg, batches):
    rows = split_crops(cfg)['train']
    rows = rows.sample(min(len(rows), 32*batches), random_state=0)
    reals = rows[rows.label == 0]
    out = []
    for name, ds, batch, collate in (('plain crops', CropDataset(rows, cfg.crops, crop_transforms(True)), 32, None),
                                     ('SBI pairs', SelfBlendDataset(reals.head(16*batches), cfg.crops, augment=True), 16, collate_pairs)):
        for workers in (0, 2):
            seed_everything(0)
            model = DeepFakeMobileNet(pretrained=False)
            loader = DataLoader(ds, batch_size=batch, shuffle=True, collate_fn=collate, **loader_workers(workers))
            opt = torch.optim.AdamW(model.parameters(), lr=1e-4)
            with tempfile.TemporaryDirectory() as d:
                h = Learner(model, dict(train=loader, val=loader), nn.BCEWithLogitsLoss(), opt, [Recorder(Path(d)/'history.json', {})]).fit(2).history
            out.append(dict(data=name, loader=f'{workers} workers', images_per_s=round(h['images_per_s'][-1], 1), data_wait_share=f"{h['data_wait'][-1]:.1%}"))
    t = pd.DataFrame(out).set_index(['data', 'loader'])
    t['speed vs plain, 0 workers'] = (t.images_per_s/t.images_per_s.iloc[0]).round(2).astype(str) + 'x'
    return t


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--batches', type=int, default=20, help='training batches per pass (default %(default)s)')
    a = p.parse_args()
    cfg = get_config()
    torch.set_num_threads(2)
    print(f'dataset: {cfg.data}; torch threads: {torch.get_num_threads()}\n')
    print(blend_table(cfg).to_markdown(), '\n')
    print(training_table(cfg, a.batches).to_markdown())


if __name__ == '__main__':
    main()
