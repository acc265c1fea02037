// One request at a time from the Sync and Preview buttons. They are marked aria-disabled
// rather than disabled, so keyboard and screen-reader focus stays on the pressed button.

import { byId } from "./dom.js";

const BUTTONS = ["sync-button", "preview-button"];
let busy = false;

function mark(value) {
  busy = value;
  for (const id of BUTTONS) byId(id).setAttribute("aria-disabled", String(value));
}

export async function whileBusy(task) {
  if (busy) return;
  mark(true);
  try {
    await task();
  } finally {
    mark(false);
  }
}
