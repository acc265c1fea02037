// A teacher's choice to keep a class after its Clever term ended (or to let it be archived).

import { h } from "./dom.js";
import { termEnded } from "./format.js";
import { graphql } from "./graphql.js";
import { say } from "./notices.js";
import { KEEP_CLASS_AFTER_TERM } from "./queries.js";

// Only a class whose term is over has the choice: live (kept or about to be archived) or
// archived because its term ended.
export function keepControl(klass, onChange) {
  const archivedByTerm = klass.archived && klass.archivedReason === "TERM_ENDED";
  if (!termEnded(klass.term) || (klass.archived && !archivedByTerm)) return null;
  const keep = !klass.keptAfterTerm;
  const label = keep ? "Keep this class" : "Stop keeping this class";
  const note = klass.keptAfterTerm
    ? "You keep this class after its term ended."
    : archivedByTerm
      ? "Archived because its term ended."
      : "Its term has ended: it will be archived unless you keep it.";
  const button = h("button", { type: "button", class: "button button-small button-secondary" }, label);
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const { keepClassAfterTerm } = await graphql(KEEP_CLASS_AFTER_TERM, { id: klass.id, keep });
      if (!keepClassAfterTerm) throw new Error("You can't change this class.");
      await onChange();
    } catch (failure) {
      say("error", failure.message);
      button.disabled = false;
    }
  });
  return h("div", { class: "keep-after-term" }, h("p", { class: "muted small" }, note), button);
}
