// A teacher's decisions about a class: its sync mode (on the card), what a paused class has
// waiting, and students kept out or kept in (beside each student), with who decided and when.

import { h } from "./dom.js";
import { graphql } from "./graphql.js";
import { CLEAR_EXCEPTION, KEEP_STUDENT_IN, KEEP_STUDENT_OUT, SET_SYNC_MODE } from "./queries.js";

const MODES = [
  ["FOLLOW_CLEVER", "Follow Clever"],
  ["ADD_ONLY", "Add only (nobody removed by a sync)"],
  ["PAUSED", "Paused (left as it is)"],
];

export function dayMonth(iso) {
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return String(iso);
  return when.toLocaleDateString("en-GB", { day: "numeric", month: "short" });
}

function onDay(isoDate) {
  // An ISO date (no time): read as that calendar day wherever the browser is.
  return dayMonth(`${isoDate}T12:00:00`);
}

// Runs a decision, then redraws the page (a resumed class has synced by then).
async function decide(query, variables, { reload, fail }, control) {
  control?.setAttribute("aria-busy", "true");
  try {
    await graphql(query, variables);
    await reload();
  } catch (error) {
    fail(error);
  } finally {
    control?.removeAttribute("aria-busy");
  }
}

export function syncModeControl(klass, actions) {
  if (klass.archived || !klass.syncMode) return null;
  const select = h(
    "select",
    { "aria-label": `Sync mode of ${klass.name}`, class: "sync-mode" },
    MODES.map(([value, label]) => h("option", { value, selected: value === klass.syncMode }, label)),
  );
  select.addEventListener("change", () =>
    decide(SET_SYNC_MODE, { id: klass.id, mode: select.value }, actions, select),
  );
  return h("label", { class: "sync-mode-label small" }, "Sync mode ", select);
}

export function waitingNote(klass) {
  if (klass.syncMode !== "PAUSED") return null;
  const waiting = klass.waitingChanges ?? [];
  const text = waiting.length
    ? `Paused. Waiting from Clever: ${waiting.join("; ")}.`
    : "Paused. Nothing from Clever is waiting.";
  return h("p", { class: "notice notice-info waiting", role: "note" }, text);
}

export function exceptionOf(klass, studentId) {
  return (klass.exceptions ?? []).find((e) => e.student.id === studentId) ?? null;
}

export function decisionNote(exception) {
  const when = dayMonth(exception.madeAt);
  const listed = exception.cleverLists;
  if (exception.kind === "KEEP_OUT") {
    const clever = listed === false ? "Clever no longer lists them either" : "Clever still lists them";
    return `removed by ${exception.madeBy.name} on ${when}; ${clever}`;
  }
  const until = exception.until ? ` until ${onDay(exception.until)}` : "";
  const clever = listed === false ? "; Clever no longer lists them" : ", even if Clever drops them";
  return `kept by ${exception.madeBy.name} on ${when}${until}${clever}`;
}

// The buttons beside a student of the class: remove (keep out), keep, or undo a decision.
export function studentActions(klass, student, actions) {
  if (klass.archived || !klass.syncMode) return null;
  const exception = exceptionOf(klass, student.id);
  const ids = { id: klass.id, student: student.id };
  if (exception) {
    return undoButton(klass, exception, actions);
  }
  const remove = h("button", { type: "button", class: "link-button", "aria-label": `Remove ${student.name}` }, "Remove");
  remove.addEventListener("click", () => decide(KEEP_STUDENT_OUT, ids, actions, remove));
  const keep = h("button", { type: "button", class: "link-button", "aria-label": `Keep ${student.name} in this class` }, "Keep");
  keep.addEventListener("click", () => keep.replaceWith(keepForm(student, ids, actions, keep)));
  return [remove, " ", keep];
}

// Keep a student even if Clever drops them: until a date, or (left empty) until undone.
function keepForm(student, ids, actions, button) {
  const until = h("input", { type: "date", "aria-label": `Keep ${student.name} until (optional)` });
  const form = h(
    "form",
    { class: "keep-form" },
    until,
    h("button", { type: "submit", class: "button button-small" }, "Keep"),
    h("button", { type: "button", class: "button button-small button-secondary", onclick: () => form.replaceWith(button) }, "Cancel"),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    decide(KEEP_STUDENT_IN, { ...ids, until: until.value || null }, actions, form);
  });
  return form;
}

function undoButton(klass, exception, actions) {
  const button = h(
    "button",
    { type: "button", class: "link-button", "aria-label": `Undo the decision about ${exception.student.name}` },
    "Undo",
  );
  const ids = { id: klass.id, student: exception.student.id };
  button.addEventListener("click", () => decide(CLEAR_EXCEPTION, ids, actions, button));
  return button;
}

// Students kept out are not on the roster: they are listed apart, with who removed them.
export function keptOutList(klass, actions) {
  const out = (klass.exceptions ?? []).filter((e) => e.kind === "KEEP_OUT");
  if (out.length === 0) return null;
  return h(
    "div",
    { class: "kept-out" },
    h("span", { class: "label" }, "Removed by a teacher"),
    h(
      "ul",
      {},
      out.map((e) =>
        h("li", {}, e.student.name, " ", h("span", { class: "muted" }, `(${decisionNote(e)})`), " ",
          undoButton(klass, e, actions)),
      ),
    ),
  );
}
