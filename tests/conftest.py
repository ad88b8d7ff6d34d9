"""The shared FaceForensics++ c23 sample, for the tests that check the catalog and the split on real videos.

It is not part of the product: `DFD_FFPP_SAMPLE` names it (the Makefile sets it to the sample beside the project),
and the tests that need it are skipped where it is absent."""
import os
from pathlib import Path

import pytest


@pytest.fixture
def ffpp_sample() -> Path:
    path = Path(os.environ.get('DFD_FFPP_SAMPLE', 'no FF++ sample'))
    if not path.is_dir(): pytest.skip(f'FF++ sample not found at {path} (set DFD_FFPP_SAMPLE)')
    return path
