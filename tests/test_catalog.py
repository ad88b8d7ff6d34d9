"""Catalog counts on the shared FaceForensics++ c23 sample (skipped where the sample is absent)."""
from pathlib import Path

import pytest

from dfd.catalog import FFPP_SAMPLE_COUNTS, catalog, ffpp_sample_path

SAMPLE = ffpp_sample_path()


@pytest.mark.skipif(not SAMPLE.is_dir(), reason=f'FF++ sample not found at {SAMPLE}')
def test_ffpp_sample_counts():
    df = catalog(SAMPLE)
    assert df.attrs['layout'] == 'FaceForensics++'
    assert (df.label == 0).sum() == 41 and (df.label == 1).sum() == 72
    assert df.manipulation.value_counts().to_dict() == FFPP_SAMPLE_COUNTS
    assert df.video_id.is_unique and all(Path(p).is_file() for p in df.path)
    # every fake names the two identities it shows; every real one identity
    assert (df[df.label == 1].group.str.count(r'\+') == 1).all()
    assert (df[df.label == 0].group.str.fullmatch(r'\d{3}')).all()
