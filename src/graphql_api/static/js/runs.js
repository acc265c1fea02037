// What a sync run means to a teacher: status words, change summaries, problems.

import { h } from "./dom.js";
import { changeSummary, keptBackSummary, plural, sentence } from "./format.js";

export const ACTIVE = new Set(["QUEUED", "RUNNING"]);

export function statusOf(run) {
  return String(run.status ?? "").toUpperCase();
}

const STATUS_WORDS = {
  QUEUED: "Waiting to start",
  RUNNING: "Syncing",
  SUCCEEDED: "Done",
  PARTIAL: "Done, with problems",
  FAILED: "Failed",
  HELD: "Waiting for your approval",
  SKIPPED: "Skipped",
};

export function statusWord(run) {
  return STATUS_WORDS[statusOf(run)] ?? String(run.status);
}

export function describeRun(run) {
  const reason = run.message ? ` ${sentence(run.message)}.` : "";
  const kept = keptBackSummary(run);
  const changes = kept ? `${changeSummary(run)} (${kept})` : changeSummary(run);
  const problems = run.problems?.length ?? 0;
  switch (statusOf(run)) {
    case "QUEUED":
      return "Sync requested; waiting to start…";
    case "RUNNING":
      return "Syncing with Clever…";
    case "SUCCEEDED":
      if (changeSummary(run) !== "no changes") return `Sync finished: ${changes}.${reason}`;
      return kept
        ? `Sync finished: nothing changed; ${kept}.`
        : "Sync finished: everything was already up to date.";
    case "PARTIAL":
      return `Sync finished with ${plural(problems, "problem")}: ${changes}. See Sync history for details.`;
    case "HELD":
      return `This sync would make large changes: ${changes}.${reason} New classes, students and co-teachers are already in; approve it to apply the removals.`;
    case "FAILED":
      return `The sync with Clever failed.${reason} Try again in a few minutes.`;
    case "SKIPPED":
      return `The sync was skipped.${reason}`;
    default:
      return `Sync status: ${run.status}.`;
  }
}

export function problemList(problems) {
  if (!problems?.length) return null;
  return h(
    "details",
    { class: "problems" },
    h("summary", {}, plural(problems.length, "problem")),
    h(
      "ul",
      {},
      problems.map((p) =>
        h("li", {}, `${p.message} `, h("span", { class: "muted" }, `(${[p.recordType, p.cleverId, p.field].filter(Boolean).join(" · ")})`)),
      ),
    ),
  );
}
