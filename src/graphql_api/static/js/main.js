// Loads the viewer and shows the panel that fits: log in, a teacher's classes, or a student's.

import { renderClasses } from "./classes.js";
import { byId, show } from "./dom.js";
import { graphql, GraphQLError } from "./graphql.js";
import { renderHistory } from "./history.js";
import { explainRefusal, say } from "./notices.js";
import { setUpPreview } from "./preview.js";
import { STUDENT_CLASSES, TEACHER_CLASSES, VIEWER } from "./queries.js";
import { renderStudentClasses } from "./student-view.js";
import { setUpSync } from "./sync.js";

const PANELS = ["login-panel", "teacher-view", "student-view"];

function showOnly(panel) {
  show(byId("loading"), false);
  for (const id of PANELS) show(byId(id), id === panel);
  show(byId("account-nav"), panel !== "login-panel");
}

function fail(error) {
  if (error.unauthenticated) {
    show(byId("page-error"), false);
    showOnly("login-panel");
    return;
  }
  if (!byId("teacher-view").hidden) {
    say("error", error.message);
    return;
  }
  show(byId("loading"), false);
  byId("page-error").textContent = error.message;
  show(byId("page-error"));
}

async function viewerOrLogin(query) {
  const { viewer } = await graphql(query);
  if (!viewer) throw new GraphQLError("Please log in.", { unauthenticated: true });
  return viewer;
}

async function showTeacher(viewer) {
  let controls;
  async function reload() {
    const data = await viewerOrLogin(TEACHER_CLASSES);
    renderClasses(data.classes, { reload, fail });
    renderHistory(data.syncRuns, (run) => controls.approve(run));
  }
  controls = setUpSync({ reload, fail });
  setUpPreview({ fail });
  await reload();
  showOnly("teacher-view");
  if (!viewer.cleverLinked) {
    explainRefusal({ __typename: "CleverNotLinked", reason: "Your account is not connected to Clever yet." });
  }
}

async function start() {
  try {
    const viewer = await viewerOrLogin(VIEWER);
    byId("viewer-name").textContent = viewer.name;
    if (String(viewer.role).toUpperCase() === "TEACHER") {
      await showTeacher(viewer);
    } else {
      renderStudentClasses((await viewerOrLogin(STUDENT_CLASSES)).classes);
      showOnly("student-view");
    }
  } catch (error) {
    fail(error);
  }
}

start();
