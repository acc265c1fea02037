// The GraphQL documents the page sends (names from DESIGN §6).

const COUNTS = `classesCreated classesUpdated classesArchived classesRestored
  studentsEnrolled studentsDropped studentsRestored coTeachersAdded coTeachersRemoved
  changesSkippedByDecisions`;
const PROBLEMS = "problems { recordType cleverId field message }";

export const SYNC_RUN = `id status trigger startedAt finishedAt message ${COUNTS} ${PROBLEMS}`;

export const VIEWER = `query Viewer { viewer { id name role cleverLinked premium } }`;

export const TEACHER_CLASSES = `query TeacherClasses {
  viewer {
    id
    classes(includeArchived: true) {
      id name subject period gradeLevel archived lastSyncedAt studentCount
      term { name startDate endDate } keptAfterTerm archivedReason
      teachers { teacher { id name } role connected }
      syncMode waitingChanges
      exceptions { student { id name } kind until madeBy { id name } madeAt cleverLists }
      students { id name gradeLevel joined }
    }
    syncRuns(first: 10) { ${SYNC_RUN} }
  }
}`;

// Asked for only when a teacher opens a class's "Demographics" section: every answer is audited,
// so the page never fetches demographics nobody looks at.
export const CLASS_DEMOGRAPHICS = `query ClassDemographics($id: ID!) {
  class(id: $id) {
    id
    students { id name demographics { ellStatus hispanicEthnicity iepStatus frlStatus race gender } }
  }
}`;

export const STUDENT_CLASSES = `query StudentClasses {
  viewer { id classes { id name gradeLevel teachers { teacher { id name } role } } }
}`;

// A refusal's message is aliased "reason": SyncRun.message is nullable, theirs are not,
// and GraphQL refuses one response field with two types.
const REFUSALS = `... on CleverNotLinked { reason: message }
  ... on PremiumRequired { reason: message }
  ... on NotFound { reason: message }`;

const SYNC_RESULT = `__typename
  ... on SyncRun { ${SYNC_RUN} nextSyncAllowedAt }
  ... on SyncAlreadyRunning { reason: message syncRun { ${SYNC_RUN} } }
  ${REFUSALS}`;

export const SYNC_WITH_CLEVER = `mutation SyncWithClever { syncWithClever { ${SYNC_RESULT} } }`;

export const APPROVE_HELD_SYNC = `mutation ApproveHeldSync($id: ID!) {
  approveHeldSync(syncRunId: $id) { ${SYNC_RESULT} }
}`;

export const SYNC_RUN_BY_ID = `query SyncRunById($id: ID!) { syncRun(id: $id) { ${SYNC_RUN} } }`;

export const PREVIEW = `mutation PreviewCleverSync {
  previewCleverSync {
    __typename
    ... on ChangeSet {
      ${COUNTS} ${PROBLEMS} held holds
      createdClassNames updatedClassNames archivedClassNames restoredClassNames
      classChanges { classId name studentsEnrolled studentsDropped studentsRestored }
      skippedChanges { classId className message }
    }
    ${REFUSALS}
  }
}`;

export const KEEP_CLASS_AFTER_TERM = `mutation KeepClassAfterTerm($id: ID!, $keep: Boolean!) {
  keepClassAfterTerm(classId: $id, keep: $keep) { id keptAfterTerm archived }
}`;

export const RENAME_CLASS = `mutation RenameClass($id: ID!, $name: String!) {
  renameClass(id: $id, name: $name) { id name }
}`;

export const SET_SYNC_MODE = `mutation SetClassSyncMode($id: ID!, $mode: ClassSyncMode!) {
  setClassSyncMode(classId: $id, mode: $mode) { id syncMode }
}`;

export const KEEP_STUDENT_OUT = `mutation KeepStudentOut($id: ID!, $student: ID!) {
  keepStudentOut(classId: $id, studentId: $student) { id }
}`;

export const KEEP_STUDENT_IN = `mutation KeepStudentIn($id: ID!, $student: ID!, $until: Date) {
  keepStudentIn(classId: $id, studentId: $student, until: $until) { id }
}`;

export const CLEAR_EXCEPTION = `mutation ClearStudentException($id: ID!, $student: ID!) {
  clearStudentException(classId: $id, studentId: $student) { id }
}`;

export const EXPLAIN_STUDENT = `query ExplainStudent($id: ID!, $search: String!) {
  class(id: $id) { id explainStudent(search: $search) { kind message student { id name } since } }
}`;
