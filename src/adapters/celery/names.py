"""Task and queue names: what the broker sees, so they stay stable across releases."""

SYNC_QUEUE = "sync"
SYNC_TEACHER_TASK = "rostersync.sync_teacher"
SYNC_DISTRICT_TASK = "rostersync.sync_district"
DAILY_SYNC_TASK = "rostersync.daily_sync"
RETENTION_TASK = "rostersync.retention"
