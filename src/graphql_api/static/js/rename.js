// Renaming a class in place: the heading turns into a small form.

import { graphql } from "./graphql.js";
import { h } from "./dom.js";
import { RENAME_CLASS } from "./queries.js";

const MAX_NAME = 255;

export function renameButton(klass, heading) {
  const button = h("button", { type: "button", class: "link-button", "aria-label": `Rename ${klass.name}` }, "Rename");
  button.addEventListener("click", () => openForm(klass, heading, button));
  return button;
}

function openForm(klass, heading, button) {
  const input = h("input", {
    type: "text", value: klass.name, maxlength: MAX_NAME, required: true,
    "aria-label": "New class name", class: "rename-input",
  });
  const error = h("p", { class: "field-error", role: "alert" });
  const form = h(
    "form",
    { class: "rename-form" },
    input,
    h("button", { type: "submit", class: "button button-small" }, "Save"),
    h("button", { type: "button", class: "button button-small button-secondary", onclick: close }, "Cancel"),
    error,
  );
  function close() {
    form.replaceWith(heading, button);
    button.focus();
  }
  form.addEventListener("keydown", (event) => {
    if (event.key === "Escape") close();
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const name = input.value.trim();
    if (!name) {
      error.textContent = "Enter a name for the class.";
      return;
    }
    form.setAttribute("aria-busy", "true");
    try {
      const { renameClass } = await graphql(RENAME_CLASS, { id: klass.id, name });
      if (!renameClass) throw new Error("You can't rename this class.");
      klass.name = renameClass.name;
      heading.textContent = renameClass.name;
      button.setAttribute("aria-label", `Rename ${renameClass.name}`);
      close();
    } catch (failure) {
      error.textContent = failure.message;
    } finally {
      form.removeAttribute("aria-busy");
    }
  });
  heading.replaceWith(form);
  button.remove();
  input.focus();
  input.select();
}
