"""The cache is bounded by entries and by bytes, least recently used first out, and keeps
neither oversized answers nor oversized requests."""

from __future__ import annotations

from application.ports import VersionedViewer, ViewerView
from domain.accounts import Role
from graphql_api.cache import CachedAnswer, CacheKey, CacheLimits, ResponseCache
from tests.graphql_cache.world import answer, cache_of, cached_world, hits, roster

VIEWER = ViewerView(1, Role.TEACHER, "Ms T", "t1", "t1", None)
NOW = VersionedViewer(7, VIEWER)


def key(n: int) -> CacheKey:
    return CacheKey(1, Role.TEACHER, bytes([n]))


def cached(body: bytes = b"{}", version: int = 7) -> CachedAnswer:
    return CachedAnswer(version, VIEWER, body, ("s1", "s2"), None)


def test_the_least_recently_used_answer_goes_first() -> None:
    cache = ResponseCache(CacheLimits(max_entries=2))
    cache.put(key(1), cached())
    cache.put(key(2), cached())
    assert cache.get(key(1), NOW) is not None

    cache.put(key(3), cached())

    assert len(cache) == 2
    assert cache.get(key(2), NOW) is None
    assert cache.get(key(1), NOW) is not None and cache.get(key(3), NOW) is not None


def test_memory_is_bounded_in_bytes() -> None:
    one = cached(b"x" * 1000)
    cache = ResponseCache(CacheLimits(max_bytes=3 * one.size))

    for n in range(10):
        cache.put(key(n), cached(b"x" * 1000))

    assert len(cache) == 3 and cache.size_bytes == 3 * one.size
    assert [cache.get(key(n), NOW) is not None for n in (6, 7, 8, 9)] == [False, True, True, True]


def test_an_oversized_answer_is_not_kept() -> None:
    cache = ResponseCache(CacheLimits(max_answer_bytes=100))

    cache.put(key(1), cached(b"x" * 101))

    assert len(cache) == 0 and cache.size_bytes == 0


def test_an_answer_made_at_another_version_or_for_another_viewer_is_dropped() -> None:
    cache = ResponseCache()
    cache.put(key(1), cached(version=6))
    cache.put(key(2), cached())

    renamed = VersionedViewer(7, ViewerView(1, Role.TEACHER, "Dr T", "t1", "t1", None))

    assert cache.get(key(1), NOW) is None
    assert cache.get(key(2), renamed) is None
    assert len(cache) == 0 and cache.size_bytes == 0


def test_remembered_verdicts_are_bounded() -> None:
    cache = ResponseCache(CacheLimits(remembered_verdicts=2))

    for n in range(3):
        cache.remember_verdict(bytes([n]), True)

    assert [cache.verdict(bytes([n])) for n in range(3)] == [None, True, True]


def test_a_request_over_the_size_limit_is_answered_but_not_cached() -> None:
    world = cached_world(limits=CacheLimits(max_request_bytes=200))
    signed_in = roster(world, 1, 1).client
    padded = "{ viewer { classes { name } } }" + " " * 200

    first, second = answer(signed_in, padded), answer(signed_in, padded)

    assert first == second
    assert len(cache_of(world)) == 0 and hits(world) == 0
