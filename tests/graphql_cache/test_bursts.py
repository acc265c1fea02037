"""A burst of identical requests (as right after the roster changed) runs the query once."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import httpx

from tests.graphql.world import PASSWORD, PUBLIC_URL
from tests.graphql_cache.world import ROSTER, cached_world, hits, roster


def test_concurrent_repeats_wait_for_the_one_running_query() -> None:
    world = cached_world()
    setup = roster(world, 2, 3)
    world.reader.calls.clear()

    async def burst() -> list[bytes]:
        transport = httpx.ASGITransport(app=world.app)
        async with httpx.AsyncClient(transport=transport, base_url=PUBLIC_URL) as client:
            signed_in = await client.post(
                "/auth/login", data={"email": setup.account.email or "", "password": PASSWORD}
            )
            assert signed_in.status_code == 303
            responses = await asyncio.gather(
                *(client.post("/graphql", json={"query": ROSTER}) for _ in range(5))
            )
        assert all(r.status_code == 200 for r in responses)
        return [r.content for r in responses]

    # Its own thread and loop: a session-wide browser fixture may keep a loop running here.
    with ThreadPoolExecutor(1) as pool:
        answers = pool.submit(asyncio.run, burst()).result()

    assert len(set(answers)) == 1 and b'"errors"' not in answers[0]
    assert world.reader.calls["teacher_roster"] == 1
    assert hits(world) == 4
