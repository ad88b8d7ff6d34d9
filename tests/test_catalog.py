"""Catalog counts on the shared FaceForensics++ c23 sample (skipped where the sample is absent)."""
from pathlib import Path

import pandas as pd

from dfd.catalog import catalog


def test_ffpp_sample_counts(ffpp_sample):
    df = catalog(ffpp_sample)
    assert df.attrs['layout'] == 'FaceForensics++'
    assert (df.label == 0).sum() == 41 and (df.label == 1).sum() == 72
    listed = pd.read_csv(ffpp_sample/'manifest.csv').method.replace({'original': 'real'})   # the sample's own list
    assert df.manipulation.value_counts().to_dict() == listed.value_counts().to_dict()
    assert df.video_id.is_unique and all(Path(p).is_file() for p in df.path)
    # every fake names the two identities it shows; every real one identity
    assert (df[df.label == 1].group.str.count(r'\+') == 1).all()
    assert (df[df.label == 0].group.str.fullmatch(r'\d{3}')).all()
