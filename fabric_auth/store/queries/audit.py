"""The audit chain: what every audit append runs (`services.audit` explains the chain)."""

from __future__ import annotations

from fabric_auth.store.models import AuditChain, AuditEvent
from fabric_auth.store.sql import Statement

_CLAIM = Statement(
    AuditChain,
    "UPDATE {t} SET {t.last_seq} = {t.last_seq} + 1 WHERE {t.id} = ? "
    "RETURNING {t.last_seq}, {t.last_hash}",
)
_STORED = tuple(
    field for field in AuditEvent._meta.fields_db_projection if field != AuditEvent._meta.pk_attr
)
"""The fields an append writes (`id` is the store's)."""
_APPEND = Statement.insert(AuditEvent, _STORED, returning="id")
_SET_LAST_HASH = Statement(AuditChain, "UPDATE {t} SET {t.last_hash} = ? WHERE {t.id} = ?")


async def claim_next(chain_id: int) -> tuple[int, str] | None:
    """Take the chain's next `seq` (and the chain row's lock, until the transaction ends):
    that `seq` and the hash of the entry before it; `None` when there is no chain row."""
    rows = await _CLAIM.rows(chain_id)
    return (int(rows[0]["last_seq"]), str(rows[0]["last_hash"])) if rows else None


async def insert_event(event: AuditEvent) -> None:
    """Insert `event` (every field but `id`, each as its field stores it) and mark it saved
    under the id the store gave it."""
    fields = AuditEvent._meta.fields_map
    rows = await _APPEND.rows(
        *(fields[name].to_db_value(getattr(event, name), event) for name in _STORED)
    )
    event.id = int(rows[0]["id"])
    event._saved_in_db = True


async def set_last_hash(chain_id: int, last_hash: str) -> None:
    await _SET_LAST_HASH.execute(last_hash, chain_id)
