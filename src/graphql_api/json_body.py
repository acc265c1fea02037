"""Reading a JSON request body, with one clear refusal for every way it can be malformed."""

from __future__ import annotations

import json
import logging

log = logging.getLogger(__name__)


class MalformedJson(ValueError):
    """The body is not JSON this service reads; the message says why, for the client."""


def decode_json_body(body: bytes | str, where: str) -> object:
    """The decoded body. Nesting deeper than the parser's recursion limit or an integer with
    thousands of digits is refused like any malformed JSON: one log line naming the route,
    no traceback. (The standard parser, unlike faster ones, keeps lone surrogates, which the
    resolvers refuse with their own clear messages.)"""
    try:
        return json.loads(body)
    except RecursionError:
        reason = "it is nested too deeply"
    except json.JSONDecodeError:
        reason = "it cannot be parsed"
    except UnicodeDecodeError:
        reason = "it is not UTF-8"
    except ValueError:  # an integer over the interpreter's digit limit
        reason = "a number in it has too many digits"
    log.warning("refused a malformed JSON body on %s: %s", where, reason)
    raise MalformedJson(f"The request body is not valid JSON: {reason}.")
