// Words for the values the API returns as enums, numbers and timestamps.

const NAMED_GRADES = {
  INFANT_TODDLER: "Infant/toddler",
  PRESCHOOL: "Preschool",
  PRE_KINDERGARTEN: "Pre-kindergarten",
  TRANSITIONAL_KINDERGARTEN: "Transitional kindergarten",
  KINDERGARTEN: "Kindergarten",
  POST_GRADUATE: "Post-graduate",
  UNGRADED: "Ungraded",
  OTHER: "Other grade",
};

export function gradeLabel(grade) {
  if (!grade) return null;
  const numbered = /^GRADE_(\d+)$/.exec(grade);
  if (numbered) return `Grade ${Number(numbered[1])}`;
  return NAMED_GRADES[grade] ?? grade;
}

export function dateTime(iso) {
  if (!iso) return "";
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return String(iso);
  return when.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export function day(isoDate) {
  if (!isoDate) return "";
  const when = new Date(`${isoDate}T00:00:00`);
  if (Number.isNaN(when.getTime())) return String(isoDate);
  return when.toLocaleDateString(undefined, { dateStyle: "medium" });
}

// "2025-2026 School Year (Aug 18, 2025 – Jun 5, 2026)"; null when Clever gives no term.
export function termLabel(term) {
  if (!term) return null;
  const span = term.startDate || term.endDate ? `${day(term.startDate) || "?"} – ${day(term.endDate) || "?"}` : "";
  const name = term.name || "Term";
  return span ? `${name} (${span})` : name;
}

export function termEnded(term, today = new Date()) {
  if (!term?.endDate) return false;
  return new Date(`${term.endDate}T23:59:59`) < today;
}

export function yesNo(value) {
  if (value === true) return "Yes";
  if (value === false) return "No";
  return value ?? "";
}

export function plural(count, one, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`;
}

// A server message as a sentence of our own: first letter up, no trailing full stop.
export function sentence(text) {
  const trimmed = String(text ?? "").trim().replace(/\.$/, "");
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
}

export function capitalised(text) {
  const lower = String(text ?? "").toLowerCase().replaceAll("_", " ");
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

const CHANGES = [
  ["classesCreated", "class created", "classes created"],
  ["classesUpdated", "class updated", "classes updated"],
  ["classesArchived", "class archived", "classes archived"],
  ["classesRestored", "class restored", "classes restored"],
  ["studentsEnrolled", "student enrolled", "students enrolled"],
  ["studentsDropped", "student dropped", "students dropped"],
  ["studentsRestored", "student restored", "students restored"],
  ["coTeachersAdded", "co-teacher added", "co-teachers added"],
  ["coTeachersRemoved", "co-teacher removed", "co-teachers removed"],
];

export function changeSummary(counts) {
  const parts = CHANGES.filter(([key]) => counts[key] > 0).map(([key, one, many]) =>
    plural(counts[key], one, many),
  );
  return parts.length ? parts.join(", ") : "no changes";
}

// Changes Clever asked for that a teacher's decision kept back (a class paused or add-only, a
// student kept out or in): null when there were none.
export function keptBackSummary(counts) {
  const count = counts.changesSkippedByDecisions ?? 0;
  if (!count) return null;
  return `${plural(count, "change")} from Clever kept back by your decisions`;
}
