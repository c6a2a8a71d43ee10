"""Recording the app's own events in fabric-auth's audit log, from a request.

```python
from fabric_auth.audit import Subject, log_action

@app.post("/invoices/{invoice_id}/refund")
async def refund(invoice_id: str, request: Request, who: Principal = Depends(current_principal)):
    async with transaction():                 # fabric_auth.store.connection.transaction
        ...                                   # the change
        await log_action(request, "invoice.refunded", principal=who,
                         target=Subject("invoice", invoice_id), details={"amount": 12})
```

Written inside the caller's transaction, the entry commits or rolls back with the change.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request

from fabric_auth.http import client_info
from fabric_auth.principal import Principal
from fabric_auth.runtime import FabricAuth
from fabric_auth.services.audit import AuditAction, Outcome, Subject
from fabric_auth.store.models import AuditEvent

__all__ = ["AuditAction", "Outcome", "Subject", "log_action"]


async def log_action(
    request: Request,
    action: str,
    *,
    principal: Principal | None = None,
    target: Subject | None = None,
    outcome: Outcome = Outcome.SUCCESS,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append an app event (`action` is any dotted name, e.g. `invoice.refunded`), with the
    caller's IP, user agent and request id, and `principal` as the actor."""
    return await FabricAuth.of(request).services.audit.record(
        action,
        outcome=outcome,
        actor=Subject.of(principal) if principal else None,
        target=target,
        client=client_info(request),
        details=details,
    )
