"""Errors whose message is meant for the client; everything else is masked in production."""

from __future__ import annotations

from typing import ClassVar

from graphql import GraphQLError


class PublicError(GraphQLError):
    """A clear, safe message with a machine-readable ``code`` extension."""

    code: ClassVar[str] = "BAD_REQUEST"

    def __init__(self, message: str) -> None:
        super().__init__(message, extensions={"code": self.code})


class Unauthenticated(PublicError):
    code = "UNAUTHENTICATED"

    def __init__(self, message: str = "Sign in to see this.") -> None:
        super().__init__(message)


class Forbidden(PublicError):
    code = "FORBIDDEN"


class BadUserInput(PublicError):
    code = "BAD_USER_INPUT"


class ServiceUnavailable(PublicError):
    code = "SERVICE_UNAVAILABLE"


def is_public(error: GraphQLError) -> bool:
    """Validation and syntax errors and our own errors are safe; resolver crashes are not."""
    original = error.original_error
    return original is None or isinstance(original, GraphQLError)
