from __future__ import annotations

import pytest

from tests.graphql.world import GraphWorld


@pytest.fixture
def world() -> GraphWorld:
    return GraphWorld.build()
