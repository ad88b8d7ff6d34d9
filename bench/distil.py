"""Benchmarks of distillation on this machine: images/s of each approach, and why the student is MobileNetV3-Small.

    .venv/bin/python bench/distil.py [--steps 6] [--batch-size 32]

Distillation: `dfd.distil.distil` for --steps steps (the first, warm-up step not counted) on the configured dataset's
training-side distillation images (built with 3 frames per video if missing), for logit KD, logit+feature KD and
feature+task KD. Teachers without ImageNet weights here get random weights of the same architecture: the speed is the same.
Inference: ms per 224x224 crop of MobileNetV3-Small vs MobileNetV2 (one logit each, PyTorch eager) at batch 1 and 32,
on one thread and on all of torch's threads.
Each table gives ratios against its first row (per thread count), measured in the same run.
"""
import argparse, contextlib, tempfile
from pathlib import Path

import pandas as pd
import torch
import torchvision

from dfd.core import get_config
from dfd.distil import DistilSettings, distil, distil_images
from dfd.model import DeepFakeMobileNet, model_stats, save_checkpoint, temporary_hub, weights_cache_path
from dfd.split import load_split


def teacher_weights(arch):
    "The hub cache and 'ImageNet' when it has `arch`'s ImageNet file, else a temporary one with random weights under that name."
    if weights_cache_path(arch).is_file(): return contextlib.nullcontext(), 'ImageNet'
    return temporary_hub(**{arch: torchvision.models.get_model(arch).state_dict()}), 'random (stand-in)'


def distil_table(cfg, steps, batch_size):
    split = load_split('group', cfg.splits)
    images = cfg.work/'distil'/'images-f3'
    if not (images/'images.csv').is_file(): distil_images(cfg, images, frames=3)
    out = []
    hub, kind = teacher_weights('mobilenet_v2')
    with hub, tempfile.TemporaryDirectory() as d:
        detector = save_checkpoint(Path(d)/'detector.pt', DeepFakeMobileNet(pretrained=False, arch='mobilenet_v2'))
        approaches = {'logit KD (MobileNetV2)': dict(feature=0), 'logit+feature KD (MobileNetV2)': {},
                      'feature+task KD (MobileNetV2 detector)': dict(teacher='', logit=0, task=1, detector=str(detector))}
        for name, kw in approaches.items():
            s = DistilSettings(steps=steps + 1, batch_size=batch_size, **kw)
            h = distil(s, images, Path(d)/name, cfg, split, progress=False, log_every=1)['history']
            seconds = h[-1]['seconds'] - h[0]['seconds']
            out.append({'approach': name, 'teacher weights': kind, 'images/s': round(steps*batch_size/seconds, 1)})
    t = pd.DataFrame(out).set_index('approach')
    t['speed vs logit KD'] = (t['images/s']/t['images/s'].iloc[0]).round(2).astype(str) + 'x'
    return t


def inference_table():
    "ms per crop of each model at batch 1 and 32, on one thread (an edge device's budget) and on every thread torch uses."
    out, threads = [], torch.get_num_threads()
    for n in sorted({1, threads}):
        torch.set_num_threads(n)
        for arch in ('mobilenet_v3_small', 'mobilenet_v2'):
            stats = model_stats(DeepFakeMobileNet(pretrained=False, arch=arch), repeats=20)
            out.append(dict(model=arch, threads=n, parameters=stats['parameters'], size_mb=stats['size_mb'],
                            ms_per_crop_batch1=stats['ms_per_crop_batch1'], ms_per_crop_batch32=stats['ms_per_crop_batch32']))
    torch.set_num_threads(threads)
    t = pd.DataFrame(out).set_index(['threads', 'model'])
    for bs in (1, 32):
        col = f'ms_per_crop_batch{bs}'
        t[f'V3-Small faster at batch {bs}'] = (t[col]/t.groupby(level='threads')[col].transform('first')).round(2).astype(str) + 'x'
    return t


if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--steps', type=int, default=6); p.add_argument('--batch-size', type=int, default=32)
    a = p.parse_args()
    cfg = get_config()
    print(f'dataset {cfg.data.name}, {torch.get_num_threads()} threads\n')
    print('distillation\n' + distil_table(cfg, a.steps, a.batch_size).to_markdown() + '\n')
    print('inference (PyTorch, one logit)\n' + inference_table().to_markdown())
