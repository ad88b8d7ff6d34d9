"Quick experiment (issue 13 groundwork, not product code): SBI training on the FF++ sample's training-side REAL crops only; score the val side (all fakes unseen)."
import sys, time, json, numpy as np, pandas as pd, torch, cv2
sys.path.insert(0, '/work/sbi/wip')
from sklearn.metrics import roc_auc_score
from sbi_draft import self_blend
from dfd.faces import read_image, crop_matrix, apply_affine, dense_landmarks, jpeg_round_trip
from dfd.model import DeepFakeMobileNet
from dfd.data import crops_tensor, score
torch.manual_seed(0); torch.set_num_threads(2)
arch, pretrained, epochs = sys.argv[1], sys.argv[2], int(sys.argv[3])
W = '/tmp/ba/new'
m = pd.read_csv(f'{W}/crops/manifest.csv', keep_default_na=False); m = m[m.status == 'ok']
side = pd.read_csv(f'{W}/splits/group.csv', keep_default_na=False).set_index('video_id').side
m['side'] = m.video_id.map(side)
reals = m[(m.side == 'train') & (m.label == 0)].reset_index(drop=True)
imgs = [read_image(f'{W}/crops/{c}') for c in reals.crop]
lms = [dense_landmarks(im, apply_affine(crop_matrix(np.array([r.x1, r.y1, r.x2, r.y2])), np.array([[r.x1, r.y1], [r.x2, r.y2]])).ravel()) for im, r in zip(imgs, reals.itertuples())]
print(len(reals), 'training reals from', reals.video_id.nunique(), 'videos', flush=True)
model = DeepFakeMobileNet({'true': True, 'false': False}.get(pretrained, pretrained), arch); print('init', model.init, flush=True)
opt = torch.optim.AdamW(model.parameters(), lr=float(sys.argv[4]) if len(sys.argv) > 4 else 3e-4, weight_decay=1e-2)
rng = np.random.default_rng(0); loss_f = torch.nn.BCEWithLogitsLoss()
val = m[m.side == 'val'].reset_index(drop=True)
vimgs = [read_image(f'{W}/crops/{c}') for c in val.crop]
def evaluate():
    model.eval(); p = score(model, [crops_tensor(vimgs[i:i+64]) for i in range(0, len(vimgs), 64)])
    v = val.assign(prob=p).groupby('video_id').agg(label=('label', 'first'), man=('manipulation', 'first'), s=('prob', 'mean'))
    per = {k: round(roc_auc_score(v.label, v.s) if k == 'all' else roc_auc_score(v[(v.label == 0) | (v.man == k)].label, v[(v.label == 0) | (v.man == k)].s), 3) for k in ['all', 'Deepfakes', 'Face2Face', 'FaceSwap']}
    return per, round(roc_auc_score(val.label, p), 3)
for ep in range(epochs):
    model.train(); t = time.perf_counter(); order = rng.permutation(len(imgs)); tot = 0
    for b in range(0, len(order) - 15, 16):
        pair = []
        for i in order[b:b+16]:
            real, fake, _ = self_blend(imgs[i], lms[i], rng)
            if rng.random() < 0.5: real, fake = real[:, ::-1], fake[:, ::-1]
            if rng.random() < 0.5: q = int(rng.integers(40, 101)); real, fake = jpeg_round_trip(np.ascontiguousarray(real), q), jpeg_round_trip(np.ascontiguousarray(fake), q)
            pair.append((np.ascontiguousarray(real), np.ascontiguousarray(fake)))
        x = crops_tensor([r for r, _ in pair] + [f for _, f in pair]); y = torch.tensor([0.]*len(pair) + [1.]*len(pair))[:, None]
        loss = loss_f(model(x), y); opt.zero_grad(); loss.backward(); opt.step(); tot += loss.item()
    per, fa = evaluate()
    print(f'epoch {ep+1} loss {tot/(len(order)//16):.3f} {time.perf_counter()-t:.0f}s val video AUC {per} frame {fa}', flush=True)
