"""Structured (JSON lines) logging with the request id on every line and emails masked.

fabric-auth never configures logging on its own; an app opts in:

```python
from fabric_auth.logs import configure_logging
configure_logging("INFO")          # JSON lines on stderr, for the whole process
```

or uses `JsonFormatter` and `RequestIdFilter` in its own `logging.config.dictConfig`.

A dependency that fails for many requests at once (the store, Redis) is logged once per state
change with `StateLog`, not once per request.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime
from typing import Any

from fabric_auth.context import current_request_id

_EMAIL = re.compile(r"([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})")
# Attributes every LogRecord has; anything else was passed with `extra=` and is logged as a field.
_STANDARD = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}


def mask_email(text: str) -> str:
    """`ada.lovelace@example.com` -> `a***@example.com`, wherever emails occur in `text`."""
    return _EMAIL.sub(r"\1***@\2", text)


class RequestIdFilter(logging.Filter):
    """Adds `record.request_id` (empty outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request_id, extra fields.
    Emails in the message and in string fields are masked."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": mask_email(record.getMessage()),
            "request_id": getattr(record, "request_id", None) or current_request_id() or None,
        }
        for key, value in vars(record).items():
            if key not in _STANDARD:
                entry[key] = mask_email(value) if isinstance(value, str) else value
        if record.exc_info:
            entry["exception"] = mask_email(self.formatException(record.exc_info))
        return json.dumps(entry, default=str)


class StateLog:
    """Logs a dependency going away and coming back, once each: one WARNING when it fails
    after working, one INFO when it works again; failures in between only at DEBUG. No
    traceback: the cause's type and message say what happened, and an outage seen by a
    thousand requests is one incident, not a thousand.

    ```python
    redis_state = StateLog(logging.getLogger("myapp"), "Redis")
    try:
        await redis.ping()
    except OSError as exc:
        redis_state.failed(exc)   # WARNING "Redis unavailable: ConnectionError: ..." once
    else:
        redis_state.recovered()   # INFO "Redis available again", once after a failure
    ```
    """

    def __init__(
        self, logger: logging.Logger, subject: str, *, consequence: str | None = None
    ) -> None:
        """`subject` names the dependency in the lines; `consequence`, if given, is appended to
        the failure line (what the app does meanwhile, e.g. "requests allowed")."""
        self._logger = logger
        self._subject = subject
        self._consequence = f"; {consequence}" if consequence else ""
        self.down = False
        """Whether the last report was a failure."""

    def failed(self, error: BaseException | str) -> None:
        """Report a failure; logged as a WARNING only when the dependency was up."""
        cause = error if isinstance(error, str) else _describe(error)
        if self.down:
            self._logger.debug("%s still unavailable: %s", self._subject, cause)
            return
        self.down = True
        self._logger.warning("%s unavailable: %s%s", self._subject, cause, self._consequence)

    def recovered(self) -> None:
        """Report a success; logged as an INFO only when the dependency was down."""
        if self.down:
            self.down = False
            self._logger.info("%s available again", self._subject)


def _describe(error: BaseException) -> str:
    message = str(error)
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def configure_logging(level: str | int = "INFO", *, json_lines: bool = True) -> None:
    """Send the root logger's output to stderr, as JSON lines (or masked plain text)."""
    handler = logging.StreamHandler()
    handler.addFilter(RequestIdFilter())
    if json_lines:
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(
            _MaskingFormatter("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")
        )
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(level)


class _MaskingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return mask_email(super().format(record))
