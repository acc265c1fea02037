from __future__ import annotations

import logging

from adapters.logs import DropQueryStrings


def test_access_log_lines_lose_their_query_strings() -> None:
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", "/auth/clever/callback?code=secret-code&state=s", "1.1", 302),
        None,
    )
    DropQueryStrings().filter(record)
    line = record.getMessage()
    assert "secret-code" not in line
    assert "/auth/clever/callback" in line
