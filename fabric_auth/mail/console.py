"""`ConsoleMailer`: development mail, written to a stream instead of sent."""

from __future__ import annotations

import sys
from typing import TextIO

from fabric_auth.mail.base import EmailMessage


class ConsoleMailer:
    """Prints each message (with its links) to stderr, or the stream given."""

    def __init__(self, sender: str, stream: TextIO | None = None) -> None:
        self._sender = sender
        self._stream = stream

    async def send(self, message: EmailMessage) -> None:
        stream = self._stream or sys.stderr
        stream.write(
            f"--- mail ({message.kind or 'message'}) ---\n"
            f"From: {self._sender}\nTo: {message.to}\nSubject: {message.subject}\n\n"
            f"{message.text}\n--- end of mail ---\n"
        )
        stream.flush()
