"""`Subscriber`: whom subscriptions and usage belong to."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from fabric_auth.principal import Principal
from fabric_auth.services.audit import Subject


@dataclass(frozen=True, slots=True)
class Subscriber:
    """Whom a subscription and usage belong to: a user or a service account."""

    kind: str
    id: UUID

    @classmethod
    def of(cls, principal: Principal) -> Subscriber:
        return cls(principal.kind.value, principal.id)

    @classmethod
    def user(cls, user_id: UUID) -> Subscriber:
        return cls("user", user_id)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.id}"

    @property
    def subject(self) -> Subject:
        return Subject(self.kind, str(self.id))

    def filter(self) -> dict[str, Any]:
        return {"subject_kind": self.kind, "subject_id": self.id}
