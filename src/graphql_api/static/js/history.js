// The teacher's recent sync runs, newest first, with problems and an Approve button when held.

import { byId, h, replaceChildren, tableRegion } from "./dom.js";
import { capitalised, changeSummary, dateTime, keptBackSummary } from "./format.js";
import { problemList, statusOf, statusWord } from "./runs.js";

const COLUMNS = ["Started", "Trigger", "Status", "Changes", "Problems"];

function statusCell(run, onApprove) {
  const held = statusOf(run) === "HELD";
  return h(
    "div",
    { class: "status-cell" },
    h("span", { class: `badge status-${statusOf(run).toLowerCase()}` }, statusWord(run)),
    held ? h("button", { type: "button", class: "button button-small", onclick: () => onApprove(run) }, "Approve") : null,
    run.message ? h("span", { class: "muted small" }, run.message) : null,
  );
}

function runRow(run, onApprove) {
  const cells = [
    dateTime(run.startedAt),
    capitalised(run.trigger),
    statusCell(run, onApprove),
    [changeSummary(run), keptBackSummary(run) ? `; ${keptBackSummary(run)}` : ""].join(""),
    problemList(run.problems) ?? h("span", { class: "muted" }, "None"),
  ];
  // data-label lets narrow screens show each run as a labelled block instead of a wide row.
  return h("tr", { "data-run-id": run.id }, cells.map((cell, i) => h("td", { "data-label": COLUMNS[i] }, cell)));
}

export function renderHistory(runs, onApprove) {
  const body = byId("history-body");
  if (runs.length === 0) {
    replaceChildren(body, h("p", { class: "muted" }, "No syncs yet."));
    return;
  }
  const head = h("thead", {}, h("tr", {}, COLUMNS.map((label) => h("th", { scope: "col" }, label))));
  const rows = runs.map((run) => runRow(run, onApprove));
  replaceChildren(body, tableRegion("Recent sync runs", h("table", { class: "history-table" }, head, h("tbody", {}, rows))));
}
