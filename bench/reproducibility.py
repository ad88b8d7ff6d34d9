"""How much the published figures move between runs and machines, and which stage moves them.

    .venv/bin/python bench/reproducibility.py [--data ../shared/data/ffpp_c23_sample] [--epochs 10] [--out /tmp/dfd-repro]
        [--arch mobilenet_v3_small] [--variants base,repeat,avx2,1-thread,seed-43,seed-44] [--base WORK]

Each variant runs the stages as a user would (dfd-preprocess, dfd-split --kind group, dfd-train, then the evaluation
of the best checkpoint) in a work folder of its own, with augmentation, as the report trains (MobileNetV2 needs its
ImageNet file in $TORCH_HOME/hub/checkpoints, as `make report-ffpp` arranges):
- `base`: this machine, seed 42; `repeat`: the same again, from the videos;
- `avx2`: the same with the CPU kernels of an AVX2 machine (PyTorch, oneDNN and MKL capped at AVX2), from the videos;
- `1-thread`: training on base's crops with one PyTorch thread instead of one per core (a machine with another core count);
- `seed-43`, `seed-44`: training on base's crops with other seeds (same split): the scale of run-to-run chance.
`base` runs first, unless --base names the work folder of a run made the same way (e.g. by `make report-ffpp`).
Crops are compared with base's byte for byte (and their largest pixel difference); the table gives the validation
video AUC and the last epoch's training loss, and each variant's difference to base.
"""
import argparse, json, os, shutil, subprocess, sys, time
from pathlib import Path

import numpy as np
import pandas as pd
from PIL import Image

from dfd.train import Run, TrainSettings

BIN = Path(sys.executable).parent
AVX2 = dict(ATEN_CPU_CAPABILITY='avx2', ONEDNN_MAX_CPU_ISA='AVX2', MKL_ENABLE_INSTRUCTIONS='AVX2')
VARIANTS = {'base': ({}, False), 'repeat': ({}, False), 'avx2': (AVX2, False),
            '1-thread': (dict(OMP_NUM_THREADS='1', MKL_NUM_THREADS='1'), True),
            'seed-43': (dict(DFD_SEED='43'), True), 'seed-44': (dict(DFD_SEED='44'), True)}   # env, on base's crops
EVALUATE = """
import json, sys
from dfd.core import get_config
from dfd.evaluate import evaluate_run
from dfd.train import Run, TrainSettings
cfg = get_config()
r = evaluate_run(Run(TrainSettings(arch=sys.argv[1], epochs=int(sys.argv[2])), cfg.seed, cfg.runs), cfg)
print(json.dumps(dict(video_auc=r['video']['auc'], frame_auc=r['frame']['auc'], epoch=r['epoch'],
                      score_range=float(r['videos'].score.max() - r['videos'].score.min()))))
"""


def stage(cmd, env):
    r = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if r.returncode: raise RuntimeError(f"{' '.join(map(str, cmd))} failed:\n{r.stderr[-2000:]}")
    return r.stdout


def stage_env(data, work, extra_env=None):
    "The environment of a stage that reads `data` and writes to `work`, plus a variant's settings."
    return {**os.environ, 'DFD_DATA': str(data), 'DFD_WORK': str(work), 'DFD_LOG_LEVEL': 'WARNING', **(extra_env or {})}


def run_variant(name, data, work, arch, epochs, extra_env=None, crops_from=None):
    "Run the stages of one variant in `work`; crops are made anew unless `crops_from` gives a work folder to copy them from."
    env = stage_env(data, work, extra_env)
    shutil.rmtree(work, ignore_errors=True); work.mkdir(parents=True)
    start = time.time()
    if crops_from: shutil.copytree(crops_from/'crops', work/'crops'); shutil.copytree(crops_from/'splits', work/'splits')
    else:
        stage([BIN/'dfd-preprocess'], env)
        stage([BIN/'dfd-split', '--kind', 'group'], env)
    stage([BIN/'dfd-train', '--arch', arch, '--epochs', str(epochs)], env)
    return dict(variant=name, arch=arch, **evaluate(data, work, arch, epochs, extra_env), minutes=round((time.time()-start)/60, 1))


def evaluate(data, work, arch, epochs, extra_env=None):
    "Validation metrics of the best checkpoint of the augmented run of `arch` in `work`, and its last training loss."
    env = stage_env(data, work, extra_env)
    result = json.loads(stage([sys.executable, '-c', EVALUATE, arch, str(epochs)], env).strip().splitlines()[-1])
    history = json.loads(Run(TrainSettings(arch=arch, epochs=epochs), int(env.get('DFD_SEED', 42)), work/'runs').history.read_text())
    return dict(**result, final_train_loss=history['train_loss'][-1])


def compare_crops(base, other):
    "Share of crops identical byte for byte, the largest pixel difference, and the largest box difference (px)."
    a, b = (pd.read_csv(w/'crops'/'manifest.csv', keep_default_na=False) for w in (base, other))
    a, b = (m[m.status == 'ok'].set_index(['video_id', 'frame']) for m in (a, b))
    common = a.index.intersection(b.index)
    same = diff = 0
    for key in common:
        x, y = ((w/'crops'/m.loc[key, 'crop']).read_bytes() for w, m in ((base, a), (other, b)))
        if x == y: same += 1
        else:
            px = [np.asarray(Image.open(w/'crops'/m.loc[key, 'crop']), np.int16) for w, m in ((base, a), (other, b))]
            diff = max(diff, int(np.abs(px[0] - px[1]).max()))
    boxes = (a.loc[common, ['x1', 'y1', 'x2', 'y2']] - b.loc[common, ['x1', 'y1', 'x2', 'y2']]).abs().to_numpy().max()
    return dict(crops=f'{len(common)} of {len(a)}/{len(b)}', identical=f'{same/len(common):.1%}', max_pixel_diff=diff,
                max_box_diff=round(float(boxes), 1))


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--data', type=Path, default=Path('../shared/data/ffpp_c23_sample'))
    p.add_argument('--epochs', type=int, default=10)
    p.add_argument('--out', type=Path, default=Path('/tmp/dfd-repro'))
    p.add_argument('--arch', default='mobilenet_v3_small')
    p.add_argument('--variants', default=','.join(VARIANTS), help='comma-separated, of: %(default)s')
    p.add_argument('--base', type=Path, default=None, help='the work folder of an existing base run (crops, splits, runs)')
    a = p.parse_args()
    data, out, names = a.data.resolve(), a.out/a.arch, a.variants.split(',')
    if unknown := set(names) - set(VARIANTS): p.error(f'unknown variants {sorted(unknown)}: choose from {list(VARIANTS)}')
    base = a.base.resolve() if a.base else out/'base'
    rows = [dict(variant='base', arch=a.arch, **evaluate(data, base, a.arch, a.epochs))] if a.base else []
    for name in [*(['base'] if not a.base else []), *[n for n in names if n != 'base']]:
        env, on_base_crops = VARIANTS[name]
        row = run_variant(name, data, out/name, a.arch, a.epochs, env, base if on_base_crops else None)
        if name != 'base' and not on_base_crops: row.update(compare_crops(base, out/name))
        rows.append(row); print(json.dumps(row), flush=True)
    t = pd.DataFrame(rows).set_index('variant')
    t['video AUC vs base'] = (t.video_auc - t.video_auc.iloc[0]).map('{:+.3f}'.format)
    print(t.round(4).to_markdown())


if __name__ == '__main__':
    main()
