"""`rostersync demo` (what `make run` starts) comes up on a fresh directory and works end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.demo_process import running_product
from tests.e2e import demo_smoke


@pytest.mark.slow
def test_demo_logs_in_syncs_and_answers_the_roster_query(tmp_path: Path) -> None:
    with running_product(tmp_path) as product:
        result = demo_smoke.run(product.url, product.clever_url)
    assert result["classes"] > 0
    assert result["run"]["classesCreated"] == result["classes"]
