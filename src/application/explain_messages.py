"""The sentences of an explanation: plain words for a teacher, dates, never demographics."""

from __future__ import annotations

from datetime import datetime

from application.explain_facts import ClassFacts, HeldChange, RecordProblem
from application.explanations import Explanation
from application.explanations import ExplanationKind as Kind
from application.ports import RosterExceptionView
from domain.demographics import ALL_FIELDS as DEMOGRAPHIC_FIELDS
from domain.problems import Problem
from domain.sync_run import SyncRun

NO_MATCH = (
    "Nobody by that name or id has been in this class or been listed by Clever for it. "
    "Ask your school's Clever administrator to check that the student is in this section in "
    "Clever and that the district shares them with this app; then press Sync with Clever."
)
ASK_ADMIN = "Ask your school's Clever administrator to correct it in the school's records."


def day(at: datetime | None) -> str:
    return f"{at:%B} {at.day}, {at.year}" if at else "an earlier date"


def no_match() -> Explanation:
    return Explanation(Kind.NO_MATCH, NO_MATCH)


def class_archived(facts: ClassFacts, shared_now: bool | None) -> Explanation:
    klass = facts.klass
    text = (
        f"This class was archived on {day(klass.archived_at)} because Clever stopped "
        "sharing its section; its roster is kept as it was."
    )
    if shared_now is True:
        text += " Clever shares the section again now: the next sync restores the class."
    elif shared_now is False:
        text += " Clever still does not share the section."
    return Explanation(Kind.CLASS_ARCHIVED, text, since=klass.archived_at)


def archive_waiting(run: SyncRun) -> Explanation:
    text = (
        f"A sync on {day(run.started_at)} would archive this class and is waiting for a "
        "teacher's approval on the Manage Classes page."
    )
    return Explanation(Kind.WAITING_FOR_APPROVAL, text, since=run.finished_at)


def last_sync_failed(first_failure: SyncRun, last_good: SyncRun | None) -> Explanation:
    worked = (
        f"the last one that worked was on {day(last_good.started_at)}"
        if last_good
        else "none of the recent ones worked"
    )
    text = (
        f"The syncs of this class have failed since {day(first_failure.started_at)} "
        f"({worked}), so its roster may be behind Clever. Press Sync with Clever to try again."
    )
    return Explanation(Kind.LAST_SYNC_FAILED, text, since=first_failure.started_at)


def kept(student_id: str, name: str, decision: RosterExceptionView) -> Explanation:
    if decision.kind == "KEEP_OUT":
        text = (
            f"{decision.made_by_name} chose on {day(decision.made_at)} to keep {name} out of "
            "this class: no sync or Clever login adds them until that decision is undone."
        )
        return Explanation(Kind.KEPT_OUT, text, student_id, name, decision.made_at)
    until = f" until {decision.until.isoformat()}" if decision.until else ""
    text = (
        f"{decision.made_by_name} chose on {day(decision.made_at)} to keep {name} in this "
        f"class{until}, whatever Clever lists."
    )
    return Explanation(Kind.KEPT_IN, text, student_id, name, decision.made_at)


def waiting(student_id: str, name: str, held: HeldChange) -> Explanation:
    verb = {"add": "add", "restore": "put back", "remove": "remove"}[held.action]
    preposition = "from" if held.action == "remove" else "to"
    text = (
        f"A sync on {day(held.run.started_at)} would {verb} {name} {preposition} this class; "
        "it is waiting for a teacher's approval on the Manage Classes page."
    )
    return Explanation(Kind.WAITING_FOR_APPROVAL, text, student_id, name, held.run.finished_at)


def record_problem(student_id: str, name: str, found: RecordProblem, enrolled: bool) -> Explanation:
    what = _what_was_wrong(found.problem)
    did = (
        "The sync kept them in the class with the last values it could use."
        if enrolled
        else "The sync could not add them to the class until Clever sends a record it can use."
    )
    text = (
        f"Clever lists {name}, but their record could not be used: {what} "
        f"(found by every sync since {day(found.since)}). {did} {ASK_ADMIN}"
    )
    return Explanation(Kind.RECORD_PROBLEM, text, student_id, name, found.since)


def listed_unusable(student_id: str, name: str, problem: Problem) -> Explanation:
    text = (
        f"Clever lists {name} in this section now, but their record cannot be used: "
        f"{_what_was_wrong(problem)}. No sync can add them until it is fixed. {ASK_ADMIN}"
    )
    return Explanation(Kind.RECORD_PROBLEM, text, student_id, name)


def _what_was_wrong(problem: Problem) -> str:
    field = problem.field.rsplit(".", 1)[-1]
    if field in DEMOGRAPHIC_FIELDS:
        return "one of its demographic fields has a value that cannot be stored"
    if field == "record":
        return "Clever sent no record for them that could be read"
    return f"the {field} field is wrong ({problem.message})"


def in_class(
    student_id: str, name: str, joined: bool, since: datetime | None, listed_now: bool | None
) -> Explanation:
    if joined:
        kind = Kind.IN_CLASS
        text = f"{name} is in this class (since {day(since)})."
    else:
        kind = Kind.NOT_JOINED_YET
        text = (
            f"{name} is on this class's roster (since {day(since)}) but has not logged in with "
            "Clever yet: they appear once they log in with Clever."
        )
    if listed_now is False:
        text += " Clever no longer lists them in this section, so the next sync un-enrolls them."
    return Explanation(kind, text, student_id, name, since)


def dropped(
    student_id: str,
    name: str,
    at: datetime | None,
    listed_now: bool | None,
    clever_has_them: bool | None,
) -> Explanation:
    text = (
        f"{name} was un-enrolled by the sync on {day(at)} because Clever stopped listing them "
        "in this section."
    )
    if listed_now is True:
        text += " Clever lists them again now: the next sync (or Sync with Clever) puts them back."
    elif listed_now is False:
        text += " Clever still does not list them in this section."
        if clever_has_them is False:
            text += " Clever no longer has a record of them in the district."
    return Explanation(Kind.DROPPED_BY_CLEVER, text, student_id, name, at)


def taken_out(student_id: str, name: str, at: datetime) -> Explanation:
    text = (
        f"A teacher took {name} out of this class on {day(at)}; the next sync puts them back "
        "if Clever lists them in this section."
    )
    return Explanation(Kind.KEPT_OUT, text, student_id, name, at)


def not_synced_yet(student_id: str, name: str) -> Explanation:
    text = (
        f"Clever lists {name} in this section now, but no sync has added them yet: press "
        "Sync with Clever, or wait for the daily sync."
    )
    return Explanation(Kind.NOT_SYNCED_YET, text, student_id, name)
