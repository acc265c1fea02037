"""Building the services for one CLI command, with clear one-line errors."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import click
from pydantic import ValidationError

from adapters.production import UnsafeProductionSettings, check_production
from adapters.settings import Settings


class CliError(click.ClickException):
    """A one-line reason, exit status 1."""


def load_settings(*, production_checks: bool = True) -> Settings:
    """The settings; in production also refused, in one line, when a key is missing or
    guessable or the public URL is not https (``migrate`` needs neither key)."""
    try:
        settings = Settings()
    except ValidationError as exc:
        problems = "; ".join(_problem(err["loc"], err["msg"]) for err in exc.errors())
        raise CliError(f"invalid settings: {problems}") from None
    if production_checks:
        try:
            check_production(settings)
        except UnsafeProductionSettings as exc:
            raise CliError(str(exc)) from None
    return settings


def _problem(loc: tuple[int | str, ...], message: str) -> str:
    if not loc:  # a rule across settings names them itself
        return message.removeprefix("Value error, ")
    return f"ROSTERSYNC_{'_'.join(str(p) for p in loc).upper()}: {message}"


@contextlib.contextmanager
def friendly_errors() -> Iterator[None]:
    """Turn infrastructure failures into one line instead of a traceback."""
    from sqlalchemy.exc import OperationalError, ProgrammingError

    from adapters.dev_keys import MissingSecret
    from adapters.sqlalchemy.tokens import TokenKeyError
    from application.errors import CleverError

    try:
        yield
    except OperationalError as exc:
        raise CliError(f"cannot reach the database: {_first_line(exc.orig)}") from None
    except ProgrammingError as exc:
        raise CliError(
            f"the database is not ready ({_first_line(exc.orig)}); run `rostersync migrate`"
        ) from None
    except (MissingSecret, TokenKeyError) as exc:
        raise CliError(str(exc)) from None
    except CleverError as exc:
        raise CliError(f"Clever could not be asked: {exc}") from None


def _first_line(error: object) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__
