"""DRAFT for issue 13 (not part of the package yet): self-blended images after Shiohara & Yamasaki (CVPR 2022),
written from the spec in the issue-13 notes, numpy + OpenCV only. To become a notebook section next session."""
import cv2
import numpy as np

JAW, BROWS, NOSE, EYES, MOUTH = range(0, 17), range(17, 27), range(27, 36), range(36, 48), range(48, 68)


def forehead(lm: np.ndarray) -> np.ndarray:
    "Points above the brows (no registry package ships an 81-point model): each brow point moved up by a third of the face height."
    up = lm[27] - lm[8]                                  # nose root minus chin: the face's up direction and height
    return lm[list(BROWS)] + up/3


def _fill(shape, *parts) -> np.ndarray:
    m = np.zeros(shape[:2], np.uint8)
    for p in parts: cv2.fillConvexPoly(m, cv2.convexHull(np.round(p).astype(np.int32)), 1)
    return m


def hull_mask(lm: np.ndarray, shape: tuple, rng: np.random.Generator) -> np.ndarray:
    "A 0/1 face mask: the whole hull (with the forehead 3 times in 4), the jaw+mouth/nose/brows union, or eight face components."
    kind = rng.integers(3)
    if kind == 0:
        pts = lm if rng.random() < 0.25 else np.vstack([lm, forehead(lm)])
        return _fill(shape, pts)
    if kind == 1:
        return _fill(shape, lm[[*JAW, *MOUTH]], lm[[27, 28, 29, 30, 33]], lm[[*BROWS, 0, 27, 16, 33]])
    parts = [[*range(0, 9), 17], [*range(8, 17), 26], [17, 18, 19, 8], [24, 25, 26, 8], [*range(19, 25), 8],
             [*range(17, 22), 27, *range(31, 36), 8], [*range(22, 27), 27, *range(31, 36), 8], [*range(27, 31), *range(31, 36)]]
    return _fill(shape, *(lm[p] for p in parts))


def _odd(rng, lo=5, hi=25) -> int: return int(rng.choice(np.arange(lo, hi + 1, 2)))


def elastic(mask: np.ndarray, rng: np.random.Generator, alpha: float = 50, sigma: float = 7) -> np.ndarray:
    "The mask, elastically deformed: smooth random displacements (Simard et al.), nearest-neighbour."
    h, w = mask.shape
    dx, dy = (cv2.GaussianBlur(rng.uniform(-1, 1, (h, w)).astype(np.float32), (0, 0), sigma)*alpha for _ in range(2))
    xs, ys = np.meshgrid(np.arange(w, dtype=np.float32), np.arange(h, dtype=np.float32))
    return cv2.remap(mask, xs + dx, ys + dy, cv2.INTER_NEAREST, borderMode=cv2.BORDER_REFLECT_101)


def soften(mask: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    "Feathered mask in [0, 1]: at a random size near 224 px, blurred and cut where below 1 (shrinks it), then blurred again."
    h, w = mask.shape
    m = cv2.resize(mask.astype(np.float32), (int(rng.integers(192, 257)), int(rng.integers(192, 257))))
    k = _odd(rng); m = cv2.GaussianBlur(m, (k, k), 0); m = m/max(m.max(), 1e-6); m[m < 1] = 0
    k = _odd(rng); m = cv2.GaussianBlur(m, (k, k), float(rng.integers(5, 46))); m = m/max(m.max(), 1e-6)
    return cv2.resize(m, (w, h))


def jolt(img: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    "Small colour change and a frequency change (down-up scaling or sharpening): what separates the blended face from its frame."
    x = img.astype(np.float32)
    if rng.random() < 0.3: x += rng.uniform(-20, 20, 3)
    hsv = cv2.cvtColor(np.clip(x, 0, 255).astype(np.uint8), cv2.COLOR_RGB2HSV).astype(np.float32)
    hsv[..., 0] = (hsv[..., 0] + rng.uniform(-3, 3)) % 180; hsv[..., 1:] *= rng.uniform(0.95, 1.05, 2)
    x = cv2.cvtColor(np.clip(hsv, 0, 255).astype(np.uint8), cv2.COLOR_HSV2RGB).astype(np.float32)
    x = (x - 127.5)*rng.uniform(0.9, 1.1) + 127.5 + 255*rng.uniform(-0.1, 0.1)
    x = np.clip(x, 0, 255).astype(np.uint8)
    h, w = x.shape[:2]
    if rng.random() < 0.5:
        r = int(rng.choice([2, 4]))
        return cv2.resize(cv2.resize(x, (w//r, h//r), interpolation=cv2.INTER_NEAREST), (w, h), interpolation=cv2.INTER_LINEAR)
    a, light = rng.uniform(0.2, 0.5), rng.uniform(0.5, 1.0)
    k = (1 - a)*np.float32([[0, 0, 0], [0, 1, 0], [0, 0, 0]]) + a*np.float32([[-1, -1, -1], [-1, 8 + light, -1], [-1, -1, -1]])
    return np.clip(cv2.filter2D(x.astype(np.float32), -1, k), 0, 255).astype(np.uint8)


def shift(img: np.ndarray, mask: np.ndarray, rng: np.random.Generator):
    "Source and mask moved by up to 3 % across and 1.5 % down, scaled 0.95-1.053 on each axis, about the centre."
    h, w = mask.shape
    sx, sy = rng.uniform(0.95, 1/0.95, 2)
    m = np.float32([[sx, 0, (1 - sx)*w/2 + rng.uniform(-0.03, 0.03)*w], [0, sy, (1 - sy)*h/2 + rng.uniform(-0.015, 0.015)*h]])
    return (cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=0),
            cv2.warpAffine(mask, m, (w, h), flags=cv2.INTER_NEAREST, borderValue=0))


def self_blend(image: np.ndarray, lm: np.ndarray, rng: np.random.Generator):
    "(real, fake, mask): the face blended into itself; one side jolted, the source shifted, the mask deformed and feathered."
    target, source = image.copy(), image.copy()
    if rng.random() < 0.5: source = jolt(source, rng)
    else: target = jolt(target, rng)
    source, mask = shift(source, hull_mask(lm, image.shape, rng), rng)
    mask = soften(elastic(mask, rng), rng)*rng.choice([0.25, 0.5, 0.75, 1, 1, 1])
    fake = mask[..., None]*source + (1 - mask[..., None])*target
    return target, fake.astype(np.uint8), mask
