// The live status line under the Sync buttons (a polite live region).

import { byId, h, replaceChildren } from "./dom.js";

export function say(kind, ...content) {
  replaceChildren(byId("sync-status"), h("div", { class: `notice notice-${kind}` }, ...content));
}

export function clearStatus() {
  replaceChildren(byId("sync-status"));
}

// The expected reasons a sync or preview cannot go ahead, in words a teacher can act on.
export function explainRefusal(result) {
  switch (result.__typename) {
    case "CleverNotLinked":
      say("warn", `${result.reason} `, h("a", { href: "/account" }, "Connect Clever in account settings"), ".");
      break;
    case "PremiumRequired":
      say("warn", `${result.reason} Syncing classes with Clever is part of Premium; ask your school or district about a Premium licence.`);
      break;
    case "SyncAlreadyRunning":
      say("info", result.reason);
      break;
    default:
      say("error", result.reason ?? "The sync could not start.");
  }
}
