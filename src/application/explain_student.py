"""ExplainStudent: why a student is, or is not, in a class, for that class's teachers."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from application import explain_messages as say
from application.errors import CleverError
from application.explain_facts import ClassFacts
from application.explain_search import Candidate, clean_search, matching
from application.explanations import (
    CLEVER_NOT_ASKED,
    CLEVER_UNREACHABLE,
    ExplainStudentCommand,
    Explanation,
)
from application.ports import CleverDirectory, RosterEventView, RosterReader
from application.results import NotFound
from domain.snapshot import ListedStudents

log = logging.getLogger(__name__)

MAX_ID = 64  # the longest id storage keeps
RUNS_PER_TEACHER = 30  # how far back "since which sync" and "last worked" look
NOT_YOURS = "No class with that id is taught by that teacher."


@dataclass(frozen=True, slots=True)
class LiveLook:
    """The section as Clever lists it now; ``listed`` is None when Clever no longer has it."""

    reached: bool
    listed: ListedStudents | None = None
    why_not: str = CLEVER_UNREACHABLE

    def lists(self, student_id: str) -> bool | None:
        if not self.reached or self.listed is None:
            return None
        return self.listed.lists(student_id)


class ExplainStudent:
    """A teacher learns why one of the class's students is or is not in it; a search that
    matches nobody ever in the class, or listed by Clever for it, answers NO_MATCH alone."""

    def __init__(self, reader: RosterReader, clever: CleverDirectory) -> None:
        self.reader = reader
        self.clever = clever

    def __call__(self, command: ExplainStudentCommand) -> list[Explanation] | NotFound:
        search = clean_search(command.search)
        facts = self._facts(command.section_id, command.teacher_id)
        if facts is None:
            return NotFound(NOT_YOURS)
        look = self._look(facts) if command.live_look else LiveLook(False, None, CLEVER_NOT_ASKED)
        matched = matching(search, _candidates(facts, look))
        answers = _about_the_class(facts, look)
        if not matched:
            answers.append(say.no_match())
        why_not = None if look.reached else look.why_not
        for candidate in matched:
            clever_has_them: bool | None = None
            if len(matched) == 1 and _worth_a_person_look(facts, look, candidate.student_id):
                clever_has_them = self._person_look(facts, candidate.student_id)
                if clever_has_them is None:
                    why_not = CLEVER_UNREACHABLE
            answers.extend(_about_the_student(facts, look, candidate, clever_has_them))
        if why_not is not None:
            answers = [a.noting(why_not) for a in answers]
        return [a.capitalised() for a in answers]

    def _facts(self, section_id: str, teacher_id: str) -> ClassFacts | None:
        if not (_could_be_id(section_id) and _could_be_id(teacher_id)):
            return None
        klass = self.reader.classes_by_id([section_id]).get(section_id)
        teachers = self.reader.teachers_for_classes([section_id]).get(section_id, [])
        if klass is None or teacher_id not in {t.teacher_id for t in teachers}:
            return None
        runs = [
            run
            for t in teachers
            for run in self.reader.sync_runs_for_teacher(t.teacher_id, RUNS_PER_TEACHER)
        ]
        history: dict[str, list[RosterEventView]] = {}
        for event in self.reader.history_for_classes([section_id]).get(section_id, []):
            history.setdefault(event.student_id, []).append(event)
        active = self.reader.students_for_classes([section_id]).get(section_id, [])
        decisions = self.reader.decisions_for_classes([section_id]).get(section_id)
        return ClassFacts(
            klass=klass,
            runs=sorted(runs, key=lambda r: r.id or 0, reverse=True),
            active={s.id: s for s in active},
            history=history,
            exceptions={d.student_id: d for d in decisions.exceptions} if decisions else {},
            sync_mode=decisions.sync_mode if decisions else "FOLLOW_CLEVER",
        )

    def _look(self, facts: ClassFacts) -> LiveLook:
        district_id = facts.klass.district_id
        if district_id is None:
            return LiveLook(reached=False)
        try:
            return LiveLook(True, self.clever.students_listed_now(district_id, facts.klass.id))
        except CleverError as exc:
            log.info("explain: Clever's section could not be read (%s)", type(exc).__name__)
            return LiveLook(reached=False)

    def _person_look(self, facts: ClassFacts, student_id: str) -> bool | None:
        assert facts.klass.district_id is not None
        try:
            return self.clever.has_person_now(facts.klass.district_id, student_id)
        except CleverError as exc:
            log.info("explain: Clever's user could not be read (%s)", type(exc).__name__)
            return None


def _could_be_id(clever_id: str) -> bool:
    """Text no stored id can be (storage refuses even to compare some) is nobody's id."""
    return 0 < len(clever_id) <= MAX_ID and clever_id.isprintable()


def _candidates(facts: ClassFacts, look: LiveLook) -> list[Candidate]:
    """Only students once in the class, waiting for it, or listed by Clever for it: nobody
    else of the district can be found from here."""
    names: dict[str, str] = {sid: events[-1].student_name for sid, events in facts.history.items()}
    names.update({sid: view.name for sid, view in facts.active.items()})
    names.update({sid: d.student_name for sid, d in facts.exceptions.items()})
    held_names = facts.held_names()  # every student the held runs name, of any class
    for sid in facts.held_changes():  # only those a held run would move in or out of this one
        names.setdefault(sid, held_names.get(sid, ""))
    for sid in facts.unknown_listed():
        names.setdefault(sid, "")
    sis_ids: dict[str, str] = {}
    if look.listed is not None:
        for sid, person in look.listed.people.items():
            names.setdefault(sid, person.name)
        for sid in look.listed.unusable:
            names.setdefault(sid, "")
        sis_ids = dict(look.listed.sis_ids)
    return [Candidate(sid, name, sis_ids.get(sid)) for sid, name in names.items()]


def _about_the_class(facts: ClassFacts, look: LiveLook) -> list[Explanation]:
    answers: list[Explanation] = []
    if facts.klass.archived:
        shared_now = (look.listed is not None) if look.reached else None
        answers.append(say.class_archived(facts, shared_now))
    if (held := facts.held_archive()) is not None:
        answers.append(say.archive_waiting(held))
    if (failing := facts.failing_since()) is not None:
        answers.append(say.last_sync_failed(*failing))
    return answers


def _worth_a_person_look(facts: ClassFacts, look: LiveLook, student_id: str) -> bool:
    """Only for a student who was in the class and whom the section no longer lists."""
    return look.lists(student_id) is False and student_id in facts.history


def _about_the_student(
    facts: ClassFacts, look: LiveLook, candidate: Candidate, clever_has_them: bool | None
) -> list[Explanation]:
    sid = candidate.student_id
    name = candidate.name or f"the student with Clever id {sid}"
    answers: list[Explanation] = []
    if (decision := facts.exceptions.get(sid)) is not None:
        answers.append(say.kept(sid, name, decision))
    if (held := facts.held_changes().get(sid)) is not None:
        answers.append(say.waiting(sid, name, held))
    enrolled = sid in facts.active
    problems = facts.record_problems(sid)
    answers.extend(say.record_problem(sid, name, found, enrolled) for found in problems)
    if not problems and look.listed is not None and sid in look.listed.unusable:
        answers.append(say.listed_unusable(sid, name, look.listed.unusable[sid]))
    listed_now = look.lists(sid)
    event = facts.last_event(sid)
    kept_out = decision is not None and decision.kind == "KEEP_OUT"
    if enrolled:
        # Kept in, or a class that only adds or is paused: no sync takes them out.
        stays = (decision is not None and not kept_out) or facts.sync_mode != "FOLLOW_CLEVER"
        since = event.at if event is not None and event.action != "dropped" else None
        shown = None if stays else listed_now
        answers.append(say.in_class(sid, name, facts.active[sid].joined, since, shown))
    elif kept_out:
        pass  # the decision says it all
    elif event is not None and event.action == "dropped" and event.sync_run_id is None:
        answers.append(say.taken_out(sid, name, event.at))
    elif event is not None and event.action == "dropped":
        answers.append(say.dropped(sid, name, event.at, listed_now, clever_has_them))
    elif not answers and listed_now:
        answers.append(say.not_synced_yet(sid, name))
    return answers
