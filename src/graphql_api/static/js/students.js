// A class's students, and the demographics the district shared (collapsed; teachers only).

import { decisionNote, exceptionOf, studentActions } from "./decisions.js";
import { h, tableRegion } from "./dom.js";
import { gradeLabel, plural, yesNo } from "./format.js";

const DEMOGRAPHICS = [
  ["ellStatus", "English learner"],
  ["hispanicEthnicity", "Hispanic or Latino"],
  ["iepStatus", "IEP"],
  ["frlStatus", "Free/reduced lunch"],
  ["race", "Race"],
  ["gender", "Gender"],
];

function hasDemographics(student) {
  const shared = student.demographics;
  return Boolean(shared) && DEMOGRAPHICS.some(([key]) => shared[key] !== null && shared[key] !== "");
}

function demographic(value) {
  if (value === null || value === "") {
    return [h("span", { "aria-hidden": "true" }, "—"), h("span", { class: "visually-hidden" }, "not shared")];
  }
  return yesNo(value);
}

function headRow(...labels) {
  return h("thead", {}, h("tr", {}, labels.map((label) => h("th", { scope: "col" }, label))));
}

export function studentList(klass, actions) {
  const { students } = klass;
  const summary = h("summary", {}, `Students (${students.length})`);
  if (students.length === 0) {
    return h("details", { class: "students" }, summary, h("p", { class: "muted" }, "No students yet."));
  }
  const rows = students.map((student) =>
    h(
      "tr",
      {},
      h("th", { scope: "row" }, student.name),
      h("td", {}, gradeLabel(student.gradeLevel) ?? "—"),
      h("td", {}, student.joined
        ? h("span", { class: "badge badge-ok" }, "Joined")
        : h("span", { class: "badge" }, "Not joined yet")),
      h("td", {}, decisionCell(klass, student, actions)),
    ),
  );
  const table = h("table", {}, headRow("Name", "Grade", "Account", "Your decision"), h("tbody", {}, rows));
  return h("details", { class: "students" }, summary, tableRegion(`Students of ${klass.name}`, table));
}

function decisionCell(klass, student, actions) {
  const exception = exceptionOf(klass, student.id);
  const note = exception ? h("span", { class: "muted small" }, `${decisionNote(exception)} `) : null;
  return [note, actions ? studentActions(klass, student, actions) : null];
}

export function demographicsList(klass) {
  const shared = klass.students.filter(hasDemographics);
  if (shared.length === 0) return null;
  const rows = shared.map((student) =>
    h(
      "tr",
      {},
      h("th", { scope: "row" }, student.name),
      DEMOGRAPHICS.map(([key]) => h("td", {}, demographic(student.demographics[key]))),
    ),
  );
  const table = h(
    "table",
    {},
    headRow("Name", ...DEMOGRAPHICS.map(([, label]) => label)),
    h("tbody", {}, rows),
  );
  return h(
    "details",
    { class: "demographics" },
    h("summary", {}, `Demographics (${plural(shared.length, "student")})`),
    h("p", { class: "muted small" }, "Shared by your district. Viewing is recorded."),
    tableRegion(`Demographics for ${klass.name}`, table),
  );
}
