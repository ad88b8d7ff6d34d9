"""The distillation experiments of notebook 06: approach x budget -> validation video AUC after fine-tuning, on FF++ and the demo set.

    TORCH_HOME=.torch .venv/bin/python bench/distil_experiments.py [--only NAME ...] [--ffpp ../shared/data/ffpp_c23_sample]

Each experiment distils MobileNetV3-Small on face crops and whole frames of the FF++ sample's training-side videos
(group split) for a budget of steps (batches of 64) or hours, then fine-tunes it with the course's recipe (dfd train defaults, with augmentation) on the FF++ group split
and on the demo set's, and scores the best checkpoint on the validation videos (video AUC with its bootstrap interval).
Rows for MobileNetV3-Small from scratch and MobileNetV2 from its ImageNet file are measured the same way.
Everything resumes: a distillation from its saved state, a fine-tune from its last epoch, a finished row is kept.
Results: figures/distillation/experiments.csv (and .md). Needs MobileNetV2's ImageNet file in $TORCH_HOME/hub/checkpoints.
"""
import argparse, json, time
from pathlib import Path

import pandas as pd

from dfd.core import find_project_root, get_config
from dfd.catalog import catalog
from dfd.distil import DistilSettings, distil, distil_images
from dfd.evaluate import auc_interval, evaluate_run
from dfd.preprocess import preprocess, read_manifest
from dfd.split import load_split, make_split, save_split, videos_from_manifest
from dfd.train import Run, TrainSettings, train

ROOT = find_project_root()
OUT = ROOT/'figures'/'distillation'
# task KD's teacher: the mobilenet_v2-imagenet row's fine-tune on FF++ (training side), last epoch (not chosen by validation)
DETECTOR = lambda seed: Run(TrainSettings(arch='mobilenet_v2', pretrained='true'), seed, Path('experiments/mobilenet_v2-imagenet/runs')).last

def grid(work: Path, seed: int) -> dict:
    "The experiments: name -> distillation settings (None for the baselines, which fine-tune from `pretrained` directly)."
    det = str(work/DETECTOR(seed))
    approaches = {'logit': dict(feature=0), 'logit+feature': {}, 'feature+task': dict(teacher='', logit=0, task=1, detector=det)}
    budgets = {'logit': (150, 500), 'logit+feature': (500, '2h'), 'feature+task': (100, 250)}
    budget = lambda b: dict(hours=float(b[:-1])) if isinstance(b, str) else dict(steps=b)     # 500: steps of 64 images; '2h': hours
    runs = {f'{a}-{b}': DistilSettings(**budget(b), **approaches[a]) for a, bs in budgets.items() for b in bs}
    return {'scratch': None, 'mobilenet_v2-imagenet': None, **runs}

def prepared(data: Path):
    "The configuration of a dataset with crops and a group split (made here if missing)."
    cfg = get_config(data=data)
    if not (cfg.crops/'manifest.csv').is_file(): preprocess(catalog(cfg.data), cfg.crops, seed=cfg.seed)
    if not (cfg.splits/'group.csv').is_file():
        save_split(make_split(videos_from_manifest(read_manifest(cfg.crops)), 'group', seed=cfg.seed), cfg.splits)
    return cfg

def finetune(base, name: str, pretrained: str, arch: str = 'mobilenet_v3_small', lr: float = TrainSettings.lr) -> dict:
    "Fine-tune from `pretrained` with the course's recipe (at `lr`) in an experiment folder sharing `base`'s crops and splits; score it."
    work = base.work/'experiments'/name
    work.mkdir(parents=True, exist_ok=True)
    for sub in ('crops', 'splits'):
        if not (work/sub).exists(): (work/sub).symlink_to(getattr(base, sub).resolve())
    cfg = get_config(data=base.data, work=work)
    s = TrainSettings(arch=arch, pretrained=pretrained, lr=lr)
    start = time.perf_counter(); history = train(s, cfg, progress=False)
    r = evaluate_run(Run(s, cfg.seed, cfg.runs), cfg)
    return dict(video_auc=round(r['video']['auc'], 3), ci=auc_interval(r['video_auc_ci']),
                frame_auc=round(r['frame']['auc'], 3), best_epoch=r['epoch'], val_auc_curve=json.dumps(history['val_auc']),
                finetune_s=round(time.perf_counter() - start))

def run(name: str, s: DistilSettings | None, ffpp, demo) -> dict:
    "One row: distil (or not), then fine-tune on both datasets. `<experiment>@lr=<lr>` fine-tunes that experiment's student at another rate."
    base, _, lr = name.partition('@lr=')
    row = dict(experiment=name, finetune_lr=float(lr or TrainSettings.lr))
    if s is None:
        pretrained, arch = ('false', 'mobilenet_v3_small') if base == 'scratch' else ('true', 'mobilenet_v2')
        row.update(approach=name, steps=0, distil_hours=0.0)
    else:
        if s.detector and not Path(s.detector).is_file(): raise FileNotFoundError(f"{s.detector} not found: run the mobilenet_v2-imagenet row first")
        images, out = ffpp.work/'distil'/'images-f100', ffpp.work/'distil'/'runs'/base
        if not (images/'images.csv').is_file(): distil_images(ffpp, images, frames=100)
        r = distil(s, images, out, ffpp, load_split('group', ffpp.splits), progress=True)
        pretrained, arch = str(out/'student.pt'), s.student
        row.update(approach=s.approach, steps=r['steps'], images_seen=r['steps']*s.batch_size, distil_hours=round(r['seconds']/3600, 2),
                   machine=r['machine'], final_loss=r['history'][-1]['loss'])
    for label, cfg in (('ffpp', ffpp), ('demo', demo)):
        row.update({f'{label}_{k}': v for k, v in finetune(cfg, name, pretrained, arch, row['finetune_lr']).items()})
    return row

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--ffpp', type=Path, default=ROOT.parent/'shared'/'data'/'ffpp_c23_sample')
    p.add_argument('--demo', type=Path, default=ROOT/'data'/'demo')
    p.add_argument('--only', nargs='*', help='experiment names, run in this order (default: all)')
    a = p.parse_args()
    ffpp, demo = prepared(a.ffpp), prepared(a.demo)
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT/'experiments.csv'
    done = pd.read_csv(path) if path.is_file() else pd.DataFrame(columns=['experiment'])
    experiments = grid(ffpp.work, ffpp.seed)
    unknown = {n.partition('@lr=')[0] for n in a.only or []} - set(experiments)
    if unknown: p.error(f"unknown experiments {sorted(unknown)}; known: {', '.join(experiments)}")
    for name in a.only or experiments:
        if name in set(done.experiment): continue
        s = experiments[name.partition('@lr=')[0]]
        row = run(name, s, ffpp, demo)
        done = pd.read_csv(path) if path.is_file() else done          # reread: another process may have added rows meanwhile
        done = pd.concat([done, pd.DataFrame([row])], ignore_index=True)
        done.to_csv(path, index=False)
        print(pd.DataFrame([row]).T.to_string(), flush=True)
    cols = ['experiment', 'approach', 'steps', 'distil_hours', 'finetune_lr', 'ffpp_video_auc', 'ffpp_ci', 'demo_video_auc', 'demo_ci']
    (OUT/'experiments.md').write_text(done[[c for c in cols if c in done]].to_markdown(index=False) + '\n')
