"""Benchmark (issue 13): video scores as SBI's authors make them, against `dfd predict`'s, on videos the detector never saw.

    .venv/bin/python bench/inference.py [--data ../shared/data/ffpp_c23_sample] [--demo data/demo] [--checkpoint FILE] [--frames 10 32]

Videos: the FF++ sample's validation side (the group split that `dfd split --kind group` saved in the sample's work folder:
identities the released detector never trained on, and, since it trained on real faces alone, every manipulation method unseen;
its epoch and threshold were chosen on them), and
with `--demo` every video of the demo set (another dataset; its face swaps against its real videos, since its self-blended
fakes are made by the recipe SBI detectors train on). For each number of frames sampled per video (uniformly, as `dfd predict`
samples them), every face MTCNN finds in a frame (confidence >= 0.9, as preprocessing accepts a face) is cropped as
preprocessing crops it and scored as it is and mirrored. Video scores:
- main face, mean over frames: what `dfd predict` does (the face `track_main_face` follows)
- max over faces, mean over frames: SBI's authors (every face of a frame scored, the highest kept)
- `+ flip`: each crop's fake probability averaged with its mirror image's (test-time augmentation)
Printed: video AUC [95% CI] of each variant on each set (videos where no face was found are left out, and counted), and the
seconds per video of decoding, detection and scoring every face twice (as is and mirrored; one process) for each number of frames.
"""
import json, os, sys, time
from pathlib import Path

import numpy as np
import pandas as pd
import torch
from sklearn.metrics import roc_auc_score

from ffpp_sample import sample_args, sample_parser
from dfd.catalog import catalog
from dfd.core import get_config
from dfd.data import score_crops
from dfd.evaluate import auc_interval, bootstrap_auc
from dfd.faces import crop_face, detect_batch, jpeg_round_trip, load_detector, track_main_face
from dfd.inference import load_model, released_detector
from dfd.split import held_out_videos
from dfd.preprocess import PreprocessSettings, read_frames


def face_scores(path, model, detector, settings: PreprocessSettings) -> pd.DataFrame:
    "One row per face found in the sampled frames of a video: frame, whether it is the main face, fake probability as is and mirrored."
    frames, _ = read_frames(path, settings)
    detections = detect_batch(detector, [f for _, _, f in frames], settings.detect_size, settings.min_prob)
    rows, crops = [], []
    for (index, _, frame), d, main in zip(frames, detections, track_main_face(detections, settings.min_prob)):
        for j, (box, landmarks, p) in enumerate(zip(d['boxes'], d['landmarks'], d['probs'])):
            if p < settings.min_prob: continue
            rows.append(dict(frame=index, main=j == main))
            crops.append(jpeg_round_trip(crop_face(frame, box, landmarks, settings), settings.jpeg_quality))
    if not crops: return pd.DataFrame(columns=['frame', 'main', 'prob', 'prob_flip'])
    return pd.DataFrame(rows).assign(prob=score_crops(model, crops), prob_flip=score_crops(model, [np.ascontiguousarray(c[:, ::-1]) for c in crops]))


def video_score(faces: pd.DataFrame, every_face: bool, flip: bool) -> float:
    "A video's score from its faces: the main face's or the highest of each frame, as is or averaged with the mirror, mean over frames."
    p = (faces.prob + faces.prob_flip)/2 if flip else faces.prob
    return float((p.groupby(faces.frame).max() if every_face else p[faces.main]).mean()) if len(faces) else np.nan


VARIANTS = {'main face, mean over frames (dfd predict)': (False, False), 'main face + flip': (False, True),
            'max over faces, mean over frames (SBI)': (True, False), 'max over faces + flip': (True, True)}


def main():
    p = sample_parser(__doc__, videos=0, videos_help='validation videos to use, 0 for all')
    p.add_argument('--demo', type=Path, help='the demo set folder (dfd-demo-data), scored too')
    p.add_argument('--checkpoint', type=Path, help='a detector checkpoint (default: the released detector)')
    p.add_argument('--frames', type=int, nargs='+', default=[10, 32])
    a = sample_args(p)
    checkpoint = a.checkpoint or released_detector()
    model, detector = load_model(checkpoint, 'cpu'), load_detector('cpu')
    val = held_out_videos(get_config(data=a.data))
    card = checkpoint.with_suffix('.json')
    if card.is_file() and (scored_on := json.loads(card.read_text())['scored_on']) != f'val: {(val.label == 0).sum()} real, {(val.label == 1).sum()} fake videos':
        sys.exit(f'the saved split of {a.data.name} is not the one the detector was scored on ({card}: {scored_on}): run `dfd split --kind group` again')
    sets = {f'{a.data.name} val': val.head(a.videos) if a.videos else val}
    if a.demo:
        demo = catalog(a.demo)
        sets['demo swaps'] = demo[(demo.label == 0) | (demo.manipulation == 'swap')]
    rows, times = [], []
    for n in a.frames:
        settings = PreprocessSettings(frames=n)
        for name, videos in sets.items():
            start = time.perf_counter()
            faces = [face_scores(v, model, detector, settings) for v in videos.path]
            times.append(dict(set=name, frames=n, real=(videos.label == 0).sum(), fake=(videos.label == 1).sum(), no_face=sum(f.empty for f in faces),
                              s_per_video=round((time.perf_counter() - start)/len(videos), 2),
                              faces_per_frame_with_a_face=round(sum(len(f) for f in faces)/max(1, sum(f.frame.nunique() for f in faces)), 3)))
            for variant, (every_face, flip) in VARIANTS.items():
                scores = np.array([video_score(f, every_face, flip) for f in faces])
                ok = ~np.isnan(scores); labels = videos.label.values[ok]
                auc = roc_auc_score(labels, scores[ok])
                rows.append(dict(set=name, frames=n, variant=variant,
                                 video_auc=f'{auc:.3f} {auc_interval(bootstrap_auc(labels, scores[ok]))}'))
    print(f'detector {checkpoint}; {torch.get_num_threads()} torch threads, {os.cpu_count()} cores\n')
    print(pd.DataFrame(rows).pivot(index=['set', 'variant'], columns='frames', values='video_auc').to_string())
    print('\n' + pd.DataFrame(times).to_string(index=False))


if __name__ == '__main__':
    main()
