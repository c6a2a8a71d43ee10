"""Structured (JSON lines) logging with the request id on every line and emails masked.

fabric-auth never configures logging on its own; an app opts in:

```python
from fabric_auth.logs import configure_logging
configure_logging("INFO")          # JSON lines on stderr, for the whole process
```

or uses `JsonFormatter` and `RequestIdFilter` in its own `logging.config.dictConfig`.
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


class StateLog:
    """One line when a dependency stops answering and one when it answers again, however many
    calls fail in between: an outage is a state change, not a stream of tracebacks."""

    def __init__(self, logger: logging.Logger, name: str) -> None:
        self._logger = logger
        self._name = name
        self.down = False

    def failed(self, error: BaseException) -> None:
        if not self.down:
            self.down = True
            self._logger.warning("%s unavailable: %s: %s", self._name, type(error).__name__, error)

    def recovered(self) -> None:
        if self.down:
            self.down = False
            self._logger.info("%s available again", self._name)
