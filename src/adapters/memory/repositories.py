"""In-memory repositories over a MemoryStore: accounts, licences and sync runs."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace

from adapters.memory.store import MemoryStore
from application.errors import ActiveRunExists
from domain.accounts import Account
from domain.licensing import PremiumLicense
from domain.sync_run import SyncRun


class FakeAccountRepository:
    def __init__(self, store: MemoryStore) -> None:
        self.store = store

    def add(self, account: Account) -> Account:
        if account.email and self.by_email(account.email):
            raise ValueError("email taken")
        if account.clever_id and self.by_clever_id(account.clever_id):
            raise ValueError("clever id taken")
        saved = replace(account, id=self.store.new_id())
        assert saved.id is not None
        self.store.accounts[saved.id] = saved
        return saved

    def update(self, account: Account) -> None:
        assert account.id is not None
        self.store.accounts[account.id] = account

    def get(self, account_id: int) -> Account | None:
        return self.store.accounts.get(account_id)

    def by_email(self, email: str) -> Account | None:
        return next((a for a in self.store.accounts.values() if a.email == email), None)

    def by_clever_id(self, clever_id: str) -> Account | None:
        return next((a for a in self.store.accounts.values() if a.clever_id == clever_id), None)


class FakeLicenseRepository:
    def __init__(self, store: MemoryStore) -> None:
        self.store = store

    def add(self, license: PremiumLicense) -> None:
        self.store.licenses.append(license)

    def covering(
        self, teacher_id: str | None, district_id: str, school_ids: Collection[str]
    ) -> list[PremiumLicense]:
        return [
            lic for lic in self.store.licenses if lic.covers(teacher_id, district_id, school_ids)
        ]


class FakeSyncRunRepository:
    def __init__(self, store: MemoryStore) -> None:
        self.store = store

    def add(self, run: SyncRun) -> SyncRun:
        if not run.status.finished and self.active_for_teacher(run.teacher_id):
            raise ActiveRunExists(run.teacher_id)
        saved = replace(run, id=self.store.new_id())
        assert saved.id is not None
        self.store.sync_runs[saved.id] = saved
        return saved

    def update(self, run: SyncRun) -> None:
        assert run.id is not None
        self.store.sync_runs[run.id] = run

    def add_many(self, runs: Sequence[SyncRun]) -> list[SyncRun | None]:
        added: list[SyncRun | None] = []
        for run in runs:
            try:
                added.append(self.add(run))
            except ActiveRunExists:
                added.append(None)
        return added

    def update_many(self, runs: Sequence[SyncRun]) -> None:
        for run in runs:
            self.update(run)

    def get(self, run_id: int) -> SyncRun | None:
        return self.store.sync_runs.get(run_id)

    def active_for_teacher(self, teacher_id: str) -> SyncRun | None:
        return next(
            (
                r
                for r in self.store.sync_runs.values()
                if r.teacher_id == teacher_id and not r.status.finished
            ),
            None,
        )

    def latest_for_teacher(self, teacher_id: str, limit: int) -> list[SyncRun]:
        runs = [r for r in self.store.sync_runs.values() if r.teacher_id == teacher_id]
        return sorted(runs, key=lambda r: r.id or 0, reverse=True)[:limit]
