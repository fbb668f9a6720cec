"""When the helper answers 504: shortly before API Gateway would cut the request."""

from __future__ import annotations

import os
from typing import Any, Mapping, Optional

from .constants import INTEGRATION_TIMEOUT_ENV


def integration_timeout_ms(env: Optional[Mapping[str, str]] = None) -> Optional[int]:
    """The integration timeout the construct set on the function, if it did."""
    env = os.environ if env is None else env
    try:
        value = int(env.get(INTEGRATION_TIMEOUT_ENV, ""))
    except ValueError:
        return None
    return value if value > 0 else None


def deadline_budget_ms(context: Any, margin_ms: int, env: Optional[Mapping[str, str]] = None) -> Optional[int]:
    """Milliseconds the handler has before the helper answers 504, or None when nothing is known.

    The integration timeout (API Gateway's clock started before this invocation, so a cold start's
    init counts against it) or the function's remaining time, whichever is shorter, less the margin.
    """
    limits = [integration_timeout_ms(env)]
    remaining = getattr(context, "get_remaining_time_in_millis", None)
    if callable(remaining):
        limits.append(remaining())
    known = [limit for limit in limits if isinstance(limit, (int, float))]
    return max(0, int(min(known)) - margin_ms) if known else None
