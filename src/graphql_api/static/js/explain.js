// "Can't find a student?": each class card asks the service why a student is, or is not, in it.

import { graphql } from "./graphql.js";
import { h, replaceChildren } from "./dom.js";
import { dateTime } from "./format.js";
import { EXPLAIN_STUDENT } from "./queries.js";

const KIND_LABELS = {
  IN_CLASS: "In the class",
  NOT_JOINED_YET: "Not joined yet",
  DROPPED_BY_CLEVER: "Removed by a sync",
  RECORD_PROBLEM: "Clever record problem",
  WAITING_FOR_APPROVAL: "Waiting for approval",
  KEPT_OUT: "Kept out by a teacher",
  KEPT_IN: "Kept in by a teacher",
  CLASS_ARCHIVED: "Class archived",
  LAST_SYNC_FAILED: "Last sync failed",
  NO_MATCH: "No match",
  NOT_SYNCED_YET: "Not synced yet",
};

function explanationItem(explanation) {
  return h(
    "li",
    { class: "explanation", "data-kind": explanation.kind },
    h("strong", {}, KIND_LABELS[explanation.kind] ?? explanation.kind),
    explanation.since ? h("span", { class: "muted small" }, ` since ${dateTime(explanation.since)}`) : null,
    h("p", {}, explanation.message),
  );
}

export function explainBox(klass) {
  const inputId = `explain-${klass.id.replace(/[^\w-]/g, "_")}`;
  const input = h("input", {
    id: inputId, type: "search", name: "search", maxlength: 200, required: true,
    autocomplete: "off", placeholder: "Name, Clever id or SIS id",
  });
  const answers = h("ul", { class: "explanations plain", "aria-live": "polite" });
  const error = h("p", { class: "field-error", role: "alert" });
  const form = h(
    "form",
    { class: "explain-form", role: "search", "aria-label": `Find a student in ${klass.name}` },
    h("label", { for: inputId }, "Student"),
    input,
    h("button", { type: "submit", class: "button button-small" }, "Explain"),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.textContent = "";
    const search = input.value.trim();
    if (search.length < 2) {
      error.textContent = "Type at least 2 characters of a name or an id.";
      return;
    }
    form.setAttribute("aria-busy", "true");
    try {
      const data = await graphql(EXPLAIN_STUDENT, { id: klass.id, search });
      const explanations = data.class?.explainStudent ?? [];
      replaceChildren(answers, explanations.map(explanationItem));
    } catch (failure) {
      replaceChildren(answers);
      error.textContent = failure.message;
    } finally {
      form.removeAttribute("aria-busy");
    }
  });
  return h("details", { class: "explain" }, h("summary", {}, "Can't find a student?"), form, error, answers);
}
