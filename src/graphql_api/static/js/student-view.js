// A student's own classes: name, grade and teachers, nothing about other students.

import { byId, h, replaceChildren } from "./dom.js";
import { gradeLabel } from "./format.js";

function classItem(klass) {
  const teachers = klass.teachers.map(({ teacher }) => teacher.name).join(", ");
  return h(
    "li",
    { class: "class-card" },
    h("h2", {}, klass.name),
    h(
      "ul",
      { class: "facts" },
      gradeLabel(klass.gradeLevel) ? h("li", {}, gradeLabel(klass.gradeLevel)) : null,
      teachers ? h("li", {}, `Teacher${klass.teachers.length === 1 ? "" : "s"}: ${teachers}`) : null,
    ),
  );
}

export function renderStudentClasses(classes) {
  replaceChildren(
    byId("student-classes"),
    classes.length
      ? classes.map(classItem)
      : h("li", { class: "empty" }, "You are not in any classes yet. Your teacher adds you when they sync with Clever."),
  );
}
