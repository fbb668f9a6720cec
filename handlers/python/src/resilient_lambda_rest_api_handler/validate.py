"""What makes API Gateway refuse a proxy response (its 502 "Malformed Lambda proxy response")."""

from __future__ import annotations

import json
import re
from typing import Any, NamedTuple, Optional


class MalformedField(NamedTuple):
    """The field at fault (``statusCode``, ``headers.X-Count``, ``body``; ``response`` for the whole) and why."""

    field: str
    problem: str


def _describe(value: Any) -> str:
    if value is None:
        return "None"
    if isinstance(value, str):
        return f"the string {json.dumps(value[:40])}"
    return f"{type(value).__name__} {repr(value)[:40]}"


def _status_fault(status: Any) -> Optional[MalformedField]:
    # API Gateway takes "201" as 201 (recorded against AWS); anything else that is not an integer is malformed.
    number = int(status) if isinstance(status, str) and re.fullmatch(r"\d+", status) else status
    if status is None or (isinstance(number, int) and not isinstance(number, bool) and 100 <= number <= 599):
        return None
    return MalformedField("statusCode", f"must be an integer from 100 to 599, got {_describe(status)}")


def _header_fault(result: dict) -> Optional[MalformedField]:
    for key in ("headers", "multiValueHeaders"):
        headers = result.get(key)
        if headers is None:
            continue
        if not isinstance(headers, dict):
            return MalformedField(key, f"must be an object, got {_describe(headers)}")
        for name, value in headers.items():
            if key == "headers" and not isinstance(value, str):
                return MalformedField(f"headers.{name}", f"must be a string, got {_describe(value)}")
            if key == "multiValueHeaders" and (not isinstance(value, list) or any(not isinstance(v, str) for v in value)):
                return MalformedField(f"multiValueHeaders.{name}", f"must be a list of strings, got {_describe(value)}")
    return None


def find_malformed_field(result: Any) -> Optional[MalformedField]:
    """The first thing API Gateway would refuse in a proxy response, or None. ``{}`` is well-formed (200)."""
    if not isinstance(result, dict):
        return MalformedField("response", f"must be a dict with statusCode, headers and body, got {_describe(result)}")
    body = result.get("body")
    if body is not None and not isinstance(body, str):
        return MalformedField("body", f"must be a string (json.dumps it), got {_describe(body)}")
    if "isBase64Encoded" in result and not isinstance(result["isBase64Encoded"], bool):
        return MalformedField("isBase64Encoded", f"must be a boolean, got {_describe(result['isBase64Encoded'])}")
    return _status_fault(result.get("statusCode")) or _header_fault(result)
