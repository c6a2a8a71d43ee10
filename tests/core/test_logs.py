"""`logs.StateLog`: a dependency's outage is one line when it starts and one when it ends."""

from __future__ import annotations

import logging

import pytest

from fabric_auth.logs import StateLog

LOGGER = logging.getLogger("tests.state_log")


def lines(caplog: pytest.LogCaptureFixture) -> list[tuple[str, str, bool]]:
    return [
        (record.levelname, record.getMessage(), record.exc_info is not None)
        for record in caplog.records
        if record.name == LOGGER.name
    ]


def test_failures_and_recoveries_are_logged_once_per_change(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Many failures in a row: one WARNING (the first cause, no traceback), the rest at DEBUG;
    many successes: one INFO after a failure, nothing while up."""
    caplog.set_level(logging.DEBUG, logger=LOGGER.name)
    state = StateLog(LOGGER, "search index", consequence="results from the cache")
    state.recovered()
    for attempt in range(3):
        try:
            raise ConnectionRefusedError(111, f"refused {attempt}")
        except OSError as exc:
            state.failed(exc)
    assert state.down is True
    state.recovered()
    state.recovered()
    state.failed(TimeoutError())
    assert lines(caplog) == [
        (
            "WARNING",
            "search index unavailable: ConnectionRefusedError: [Errno 111] refused 0; "
            "results from the cache",
            False,
        ),
        (
            "DEBUG",
            "search index still unavailable: ConnectionRefusedError: [Errno 111] refused 1",
            False,
        ),
        (
            "DEBUG",
            "search index still unavailable: ConnectionRefusedError: [Errno 111] refused 2",
            False,
        ),
        ("INFO", "search index available again", False),
        ("WARNING", "search index unavailable: TimeoutError; results from the cache", False),
    ]
