// Who teaches a class: the owner and co-teachers, and whether each has connected Clever.

import { h } from "./dom.js";
import { capitalised } from "./format.js";

const ROLE_WORDS = { OWNER: "owner", CO_TEACHER: "co-teacher" };

function teacherItem({ teacher, role, connected }) {
  const notes = [ROLE_WORDS[role] ?? capitalised(role).toLowerCase()];
  if (connected === false) notes.push("not connected yet");
  return h("li", {}, teacher.name, " ", h("span", { class: "muted" }, `(${notes.join(", ")})`));
}

export function teacherList(klass) {
  return h(
    "div",
    { class: "teachers" },
    h("span", { class: "label" }, klass.teachers.length === 1 ? "Teacher" : "Teachers"),
    h("ul", { class: "inline-list" }, klass.teachers.map(teacherItem)),
  );
}
