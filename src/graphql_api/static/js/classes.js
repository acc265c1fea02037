// A teacher's classes: one card each, this year's first, previous school years under their own
// heading (by term), other archived classes in a collapsed list.

import { byId, h, replaceChildren, show } from "./dom.js";
import { explainBox } from "./explain.js";
import { capitalised, dateTime, gradeLabel, plural, termEnded, termLabel } from "./format.js";
import { keptOutList, syncModeControl, waitingNote } from "./decisions.js";
import { keepControl } from "./keep.js";
import { renameButton } from "./rename.js";
import { demographicsList, studentList } from "./students.js";
import { teacherList } from "./teachers.js";

function facts(klass) {
  const items = [
    gradeLabel(klass.gradeLevel),
    klass.subject ? capitalised(klass.subject) : null,
    klass.period ? `Period ${klass.period}` : null,
    plural(klass.studentCount, "student"),
  ].filter(Boolean);
  return h("ul", { class: "facts" }, items.map((item) => h("li", {}, item)));
}

function lastSynced(klass) {
  if (!klass.lastSyncedAt) return null;
  return h("p", { class: "muted small synced" }, `Last synced with Clever ${dateTime(klass.lastSyncedAt)}`);
}

function term(klass) {
  const label = termLabel(klass.term);
  return label ? h("p", { class: "muted small term" }, `Term: ${label}`) : null;
}

function classCard(klass, actions) {
  const headingId = `class-${klass.id.replace(/[^\w-]/g, "_")}`;
  const heading = h("h3", { id: headingId }, klass.name);
  return h(
    "article",
    { class: "class-card", "aria-labelledby": headingId, "data-class-id": klass.id },
    h("div", { class: "class-head" }, heading, klass.archived ? null : renameButton(klass, heading)),
    facts(klass),
    term(klass),
    keepControl(klass, actions.reload),
    syncModeControl(klass, actions),
    waitingNote(klass),
    lastSynced(klass),
    teacherList(klass),
    studentList(klass, actions),
    keptOutList(klass, actions),
    demographicsList(klass),
    explainBox(klass),
  );
}

// Classes of a term still running (or with no term) come before those kept after theirs.
function currentFirst(classes) {
  return [...classes].sort((a, b) => Number(termEnded(a.term)) - Number(termEnded(b.term)));
}

function byTerm(classes) {
  const groups = new Map();
  for (const klass of classes) {
    const name = klass.term?.name || "Earlier terms";
    if (!groups.has(name)) groups.set(name, []);
    groups.get(name).push(klass);
  }
  return [...groups.entries()].sort(([, a], [, b]) => (b[0].term?.endDate ?? "").localeCompare(a[0].term?.endDate ?? ""));
}

// ``actions``: { reload, fail } — what a decision made on a card does next.
export function renderClasses(classes, actions) {
  const card = (klass) => classCard(klass, actions);
  const active = currentFirst(classes.filter((klass) => !klass.archived));
  const previous = classes.filter((klass) => klass.archived && klass.archivedReason === "TERM_ENDED");
  const archived = classes.filter((klass) => klass.archived && klass.archivedReason !== "TERM_ENDED");
  const empty = h(
    "p",
    { class: "empty" },
    archived.length || previous.length
      ? "No active classes: all of your classes are archived."
      : "No classes yet. Press “Sync with Clever” to create one class for each section you teach.",
  );
  replaceChildren(byId("class-list"), active.length ? active.map(card) : empty);
  replaceChildren(
    byId("previous-list"),
    byTerm(previous).map(([name, members]) =>
      h("section", { class: "previous-term" }, h("h3", {}, name), h("div", { class: "class-list" }, members.map(card))),
    ),
  );
  show(byId("previous-years"), previous.length > 0);
  replaceChildren(byId("archived-list"), archived.map(card));
  byId("archived-count").textContent = String(archived.length);
  show(byId("archived"), archived.length > 0);
}
