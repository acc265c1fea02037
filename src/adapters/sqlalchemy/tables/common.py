"""The one metadata every table belongs to (Alembic's too), and the column types they share."""

from __future__ import annotations

from sqlalchemy import MetaData, String

from domain.grade_level import ENUM_NAMES

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

ID = String(64)  # Clever ids are 24 hex characters; room to spare
SHORT = String(255)


def one_of(column: str, values: object) -> str:
    listed = ", ".join(f"'{v}'" for v in values)  # type: ignore[attr-defined]
    return f"{column} IN ({listed})"


GRADE_CHECK = one_of("grade", sorted(ENUM_NAMES))
