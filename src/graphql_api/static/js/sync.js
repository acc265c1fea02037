// "Sync with Clever" and "Approve": start a run, follow it while it is queued or running,
// then tell the teacher what changed.

import { whileBusy } from "./busy.js";
import { byId, h, show } from "./dom.js";
import { graphql } from "./graphql.js";
import { dateTime } from "./format.js";
import { explainRefusal, say } from "./notices.js";
import { APPROVE_HELD_SYNC, SYNC_RUN_BY_ID, SYNC_WITH_CLEVER } from "./queries.js";
import { ACTIVE, describeRun, statusOf } from "./runs.js";

const POLL_MS = 1000;
const KIND = { SUCCEEDED: "ok", PARTIAL: "warn", HELD: "warn", FAILED: "error" };

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// A sync asked for again soon after the last one answers with that run and when a new one
// can start.
function nextSyncNote(nextAllowed) {
  if (!nextAllowed || new Date(nextAllowed) <= new Date()) return null;
  return h("span", {}, ` You can sync with Clever again after ${dateTime(nextAllowed)}.`);
}

function showRun(run, approve, nextAllowed = null) {
  const held = statusOf(run) === "HELD";
  say(
    KIND[statusOf(run)] ?? "info",
    describeRun(run),
    nextSyncNote(nextAllowed),
    held ? h("button", { type: "button", class: "button button-small", onclick: () => approve(run) }, "Approve") : null,
  );
}

export function setUpSync({ reload, fail }) {
  async function follow(start, pending) {
    show(byId("preview"), false); // a preview is out of date once a sync starts
    say("info", pending);
    try {
      let result = await start();
      if (result.__typename === "SyncAlreadyRunning" && result.syncRun) {
        result = { __typename: "SyncRun", ...result.syncRun }; // follow the run already in flight
      }
      if (result.__typename !== "SyncRun") {
        explainRefusal(result);
        return;
      }
      const nextAllowed = result.nextSyncAllowedAt ?? null;
      // A finished run is shown once, after the reload, so its Approve button is never
      // pressed while this request is still busy.
      if (ACTIVE.has(statusOf(result))) showRun(result, approve);
      while (ACTIVE.has(statusOf(result))) {
        await pause(POLL_MS);
        const latest = (await graphql(SYNC_RUN_BY_ID, { id: result.id })).syncRun;
        if (!latest) {
          say("error", "This sync can no longer be found. Reload the page to see your classes.");
          return;
        }
        // Re-render only on a change, so screen readers announce each step once.
        if (statusOf(latest) !== statusOf(result)) showRun(latest, approve);
        result = latest;
      }
      await reload();
      showRun(result, approve, nextAllowed);
    } catch (error) {
      fail(error);
    }
  }
  const run = (start, pending) => whileBusy(() => follow(start, pending));
  function approve(heldRun) {
    const start = async () => (await graphql(APPROVE_HELD_SYNC, { id: heldRun.id })).approveHeldSync;
    return run(start, "Applying the changes you approved…");
  }
  byId("sync-button").addEventListener("click", () =>
    run(async () => (await graphql(SYNC_WITH_CLEVER)).syncWithClever, "Syncing with Clever…"),
  );
  return { approve };
}
