// A class's students, and the demographics the district shared (collapsed; teachers only).
// Demographics are fetched when a teacher opens that section, never with the page: each read
// is audited, so the record says who looked, not who merely loaded the page.

import { decisionNote, exceptionOf, studentActions } from "./decisions.js";
import { h, replaceChildren, tableRegion } from "./dom.js";
import { gradeLabel, plural, yesNo } from "./format.js";
import { graphql } from "./graphql.js";
import { CLASS_DEMOGRAPHICS } from "./queries.js";

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

function demographicsTable(klass, students) {
  const shared = students.filter(hasDemographics);
  if (shared.length === 0) {
    return h("p", { class: "muted none-shared" }, "Your district has not shared demographics for these students.");
  }
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
  return [
    h("p", { class: "muted small" }, `Shared for ${plural(shared.length, "student")}.`),
    tableRegion(`Demographics for ${klass.name}`, table),
  ];
}

async function load(klass, body) {
  replaceChildren(body, h("p", { class: "muted", role: "status" }, "Loading demographics…"));
  const data = await graphql(CLASS_DEMOGRAPHICS, { id: klass.id });
  if (!data.class) throw new Error("You can no longer see this class.");
  replaceChildren(body, demographicsTable(klass, data.class.students));
}

// Archived classes keep their roster, not the view of its demographics (the API answers none).
export function demographicsList(klass) {
  if (klass.archived || klass.students.length === 0) return null;
  const body = h("div", { class: "demographics-body" });
  let loaded = false;
  const section = h(
    "details",
    { class: "demographics" },
    h("summary", {}, "Demographics"),
    h("p", { class: "muted small" }, "Shared by your district. Opening this section is recorded."),
    body,
  );
  section.addEventListener("toggle", async () => {
    if (!section.open || loaded) return;
    loaded = true;
    try {
      await load(klass, body);
    } catch (failure) {
      loaded = false; // opening the section again tries again
      replaceChildren(body, h("p", { class: "field-error", role: "alert" }, failure.message));
    }
  });
  return section;
}
