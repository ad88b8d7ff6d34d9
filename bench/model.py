"""Benchmarks of the model stage on this CPU: training throughput and data waiting, then inference PyTorch vs ONNX Runtime.

    .venv/bin/python bench/model.py [--batches 20]

Training: a `dfd.train.Learner` (with its `Recorder`) over the configured dataset's training crops (DFD_DATA; default the demo set,
preprocessed and split first), limited to --batches batches of 32, with DataLoader workers 0 and 2 (spawned; the second of two passes is timed).
Inference: ms per 224x224 crop at batch 1 and 32, PyTorch eager vs ONNX Runtime on the same exported model.
Each table gives ratios against its first row, measured in the same run.
"""
import argparse, contextlib, io, tempfile
from pathlib import Path

import onnxruntime
import pandas as pd
import torch
from torch import nn
from torch.utils.data import DataLoader

from dfd.core import get_config, loader_workers, seed_everything
from dfd.data import CropDataset, crop_transforms, split_crops
from dfd.model import DeepFakeMobileNet, export_onnx, median_ms
from dfd.train import Learner, Recorder


def training_table(cfg, batches):
    rows = split_crops(cfg)['train']
    rows = rows.sample(min(len(rows), 32*batches), random_state=0)
    out = []
    for workers in (0, 2):
        seed_everything(0)
        model = DeepFakeMobileNet(pretrained=False)
        loader = DataLoader(CropDataset(rows, cfg.crops, crop_transforms(True)), batch_size=32, shuffle=True, **loader_workers(workers))
        opt = torch.optim.AdamW(model.parameters(), lr=1e-4)
        with tempfile.TemporaryDirectory() as d:           # the second epoch: spawned workers (persistent) have started and imported torch by then
            h = Learner(model, dict(train=loader, val=loader), nn.BCEWithLogitsLoss(), opt, [Recorder(Path(d)/'history.json', {})]).fit(2).history
        out.append(dict(loader=f'{workers} workers', images=len(rows), images_per_s=round(h['images_per_s'][-1], 1),
                        data_wait_share=f"{h['data_wait'][-1]:.1%}"))
    t = pd.DataFrame(out).set_index('loader')
    t['speed vs 0 workers'] = (t.images_per_s/t.images_per_s.iloc[0]).round(2).astype(str) + 'x'
    return t


def inference_table(repeats=20):
    model = DeepFakeMobileNet(pretrained=False).eval()
    with tempfile.TemporaryDirectory() as d, contextlib.redirect_stdout(io.StringIO()):
        path = export_onnx(model, Path(d)/'m.onnx')
        session = onnxruntime.InferenceSession(str(path), providers=['CPUExecutionProvider'])
        out = []
        for bs in (1, 32):
            x = torch.randn(bs, 3, 224, 224)
            runs = {'PyTorch': lambda: model(x), 'ONNX Runtime': lambda: session.run(None, {'image': x.numpy()})}
            for name, fn in runs.items():
                with torch.inference_mode(): out.append(dict(batch=bs, runtime=name, ms_per_crop=round(median_ms(fn, repeats)/bs, 2)))
    t = pd.DataFrame(out).set_index(['batch', 'runtime'])
    t['speed vs PyTorch batch 1'] = (t.ms_per_crop.iloc[0]/t.ms_per_crop).round(2).astype(str) + 'x'
    return t


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--batches', type=int, default=20)
    a = p.parse_args()
    cfg = get_config()
    print(f'{cfg.data.name}, {torch.get_num_threads()} torch threads, device {cfg.device}\n')
    print('Training (MobileNetV3-Small, batch 32, augmentation on, fp32):'); print(training_table(cfg, a.batches).to_string(), '\n')
    print('Inference per crop:'); print(inference_table().to_string())


if __name__ == '__main__':
    main()
