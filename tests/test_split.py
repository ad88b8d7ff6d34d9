"""The identity-aware split of the shared FaceForensics++ sample shares no identity (skipped where the sample is absent)."""

import networkx as nx

from dfd.catalog import catalog
from dfd.split import identity_components, make_split


def test_ffpp_group_split_shares_no_identity(ffpp_sample):
    videos = catalog(ffpp_sample)
    graph = nx.Graph()                                                # an independent count of the identity groups
    for ids in videos.group.str.split('+'): graph.add_nodes_from(ids); nx.add_path(graph, ids)
    assert identity_components(videos.group).nunique() == nx.number_connected_components(graph) == 24
    split = make_split(videos, 'group', seed=42)
    assert set(split.side) == {'train', 'val'}                       # whole components: nothing dropped
    ids = split.assign(identity=split.group.str.split('+')).explode('identity')
    assert (ids.groupby('identity').side.nunique() == 1).all()
    assert 0.1 < (split.side == 'val').mean() < 0.3
    assert split[split.side == 'val'].label.nunique() == 2
