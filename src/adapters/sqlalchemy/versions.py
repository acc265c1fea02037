"""The roster version: one global counter that every committed roster change bumps.

Remembered answers key on it (each request reads it itself): equal versions mean equal rosters.
It is global rather than per teacher because a change to one teacher's sync (a student's name,
a co-teacher) shows in other teachers' classes; the cost is that a change anywhere makes every
remembered roster answer miss once.
"""

from __future__ import annotations

from sqlalchemy import Connection, insert, update

from adapters.sqlalchemy.tables import roster_version

ROW_ID = 1


def bump_roster_version(conn: Connection) -> None:
    """Run last in a transaction: the row lock is then held only while committing."""
    bumped = conn.execute(
        update(roster_version)
        .where(roster_version.c.id == ROW_ID)
        .values(version=roster_version.c.version + 1)
    )
    if bumped.rowcount == 0:
        conn.execute(insert(roster_version).values(id=ROW_ID, version=1))
