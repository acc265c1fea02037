// A teacher's classes: one card each, active first, archived ones in a collapsed list.

import { byId, h, replaceChildren, show } from "./dom.js";
import { capitalised, dateTime, gradeLabel, plural } from "./format.js";
import { keptOutList, syncModeControl, waitingNote } from "./decisions.js";
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

function classCard(klass, actions) {
  const headingId = `class-${klass.id.replace(/[^\w-]/g, "_")}`;
  const heading = h("h3", { id: headingId }, klass.name);
  return h(
    "article",
    { class: "class-card", "aria-labelledby": headingId, "data-class-id": klass.id },
    h("div", { class: "class-head" }, heading, klass.archived ? null : renameButton(klass, heading)),
    facts(klass),
    syncModeControl(klass, actions),
    waitingNote(klass),
    lastSynced(klass),
    teacherList(klass),
    studentList(klass, actions),
    keptOutList(klass, actions),
    demographicsList(klass),
  );
}

// ``actions``: { reload, fail } — what a decision made on a card does next.
export function renderClasses(classes, actions) {
  const active = classes.filter((klass) => !klass.archived);
  const archived = classes.filter((klass) => klass.archived);
  const empty = h(
    "p",
    { class: "empty" },
    archived.length
      ? "No active classes: all of your classes are archived."
      : "No classes yet. Press “Sync with Clever” to create one class for each section you teach.",
  );
  const card = (klass) => classCard(klass, actions);
  replaceChildren(byId("class-list"), active.length ? active.map(card) : empty);
  replaceChildren(byId("archived-list"), archived.map(card));
  byId("archived-count").textContent = String(archived.length);
  show(byId("archived"), archived.length > 0);
}
