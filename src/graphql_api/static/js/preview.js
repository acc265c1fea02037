// "Preview changes": what a sync would do, computed by the server without applying it.

import { whileBusy } from "./busy.js";
import { byId, h, replaceChildren, show, tableRegion } from "./dom.js";
import { changeSummary, keptBackSummary } from "./format.js";
import { graphql } from "./graphql.js";
import { clearStatus, explainRefusal, say } from "./notices.js";
import { PREVIEW } from "./queries.js";
import { problemList } from "./runs.js";

const NAME_LISTS = [
  ["createdClassNames", "New classes"],
  ["updatedClassNames", "Classes updated from Clever"],
  ["archivedClassNames", "Classes to archive"],
  ["restoredClassNames", "Archived classes to restore"],
];

function classNames(preview) {
  const lists = NAME_LISTS.filter(([key]) => preview[key]?.length);
  if (!lists.length) return null;
  return h("dl", { class: "name-lists" }, lists.map(([key, label]) => [
    h("dt", {}, label),
    h("dd", {}, preview[key].join(", ")),
  ]));
}

function rosterChanges(changes) {
  if (!changes?.length) return null;
  const head = h("tr", {}, ["Class", "Enrolled", "Dropped", "Restored"].map((l) => h("th", { scope: "col" }, l)));
  const rows = changes.map((c) =>
    h("tr", {}, h("th", { scope: "row" }, c.name), h("td", {}, c.studentsEnrolled), h("td", {}, c.studentsDropped), h("td", {}, c.studentsRestored)),
  );
  return tableRegion("Student changes by class", h("table", {}, h("thead", {}, head), h("tbody", {}, rows)));
}

function keptBack(preview) {
  const summary = keptBackSummary(preview);
  if (!summary) return null;
  return h("div", { class: "kept-back" },
    h("p", {}, `${summary}:`),
    h("ul", {}, preview.skippedChanges.map((s) => h("li", {}, `${s.className}: ${s.message}`))));
}

function heldWarning(preview) {
  if (!preview.held) return null;
  return h("div", { class: "notice notice-warn" },
    h("p", {}, "These changes are large, so a sync would wait for your approval before applying them:"),
    h("ul", {}, preview.holds.map((reason) => h("li", {}, reason))));
}

function renderPreview(preview) {
  const changes = changeSummary(preview);
  replaceChildren(
    byId("preview-body"),
    h("p", {}, changes === "no changes"
      ? "A sync now would change nothing: your classes match Clever."
      : `A sync now would make these changes: ${changes}. Nothing has been changed yet.`),
    heldWarning(preview),
    keptBack(preview),
    classNames(preview),
    rosterChanges(preview.classChanges),
    problemList(preview.problems),
    h("button", { type: "button", class: "button button-secondary button-small", onclick: closePreview }, "Close preview"),
  );
  show(byId("preview"));
  byId("preview-heading").focus();
}

function closePreview() {
  show(byId("preview"), false);
  byId("preview-button").focus();
}

async function preview(fail) {
  say("info", "Asking Clever what would change…");
  try {
    const result = (await graphql(PREVIEW)).previewCleverSync;
    if (result.__typename !== "ChangeSet") {
      show(byId("preview"), false);
      explainRefusal(result);
      return;
    }
    clearStatus();
    renderPreview(result);
  } catch (error) {
    fail(error);
  }
}

export function setUpPreview({ fail }) {
  byId("preview-heading").tabIndex = -1;
  byId("preview-button").addEventListener("click", () => whileBusy(() => preview(fail)));
}
