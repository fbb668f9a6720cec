"""The contract's error responses."""

from __future__ import annotations

import json
import os
import re
from typing import Any, Mapping, Optional

from .constants import DEFAULT_TYPES, ERROR_HEADERS_ENV, RETRYABLE_STATUSES

_SOURCES = (
    ("method.request.header.", "headers", True),
    ("method.request.querystring.", "queryStringParameters", False),
    ("method.request.path.", "pathParameters", False),
    ("stageVariables.", "stageVariables", False),
)


def mapping_value(expression: str, event: Optional[Mapping[str, Any]]) -> Optional[str]:
    """The value of one of API Gateway's header mapping expressions for a request, or None.

    A quoted literal, or a request header (case-insensitive), query string or path parameter, or
    stage variable; None for anything else or a value the request does not have.
    """
    literal = re.fullmatch(r"'(.*)'", expression, re.DOTALL)
    if literal:
        return literal.group(1)
    for prefix, key, ignore_case in _SOURCES:
        if expression.startswith(prefix):
            name = expression[len(prefix):]
            values = (event or {}).get(key) or {}
            for found, value in values.items():
                if found == name or (ignore_case and found.lower() == name.lower()):
                    return value
            return None
    return None


def contract_headers(event: Optional[Mapping[str, Any]] = None, env: Optional[Mapping[str, str]] = None) -> dict:
    """JSON, ``Cache-Control: no-store`` and the API's CORS headers for errors, as the construct passed them."""
    env = os.environ if env is None else env
    headers = {"Content-Type": "application/json", "Cache-Control": "no-store"}
    try:
        expressions = json.loads(env.get(ERROR_HEADERS_ENV) or "{}")
    except ValueError:
        expressions = {}  # Not the construct's: no CORS headers rather than a failed error response.
    if not isinstance(expressions, dict):
        expressions = {}
    for name, expression in expressions.items():
        value = mapping_value(expression, event) if isinstance(expression, str) else None
        if value is not None:
            headers[name] = value
    return headers


def error_body(status: int, message: str, event: Optional[Mapping[str, Any]] = None, *,
               type: Optional[str] = None, retryable: Optional[bool] = None) -> dict:  # noqa: A002 - the contract's field name
    """The contract's error body (its schema is ``error-body.schema.json`` next to this module)."""
    if isinstance(status, bool) or not isinstance(status, int) or not 400 <= status <= 599:
        raise ValueError(f"error_response: status must be an integer from 400 to 599, got {status!r}")
    request_context = (event or {}).get("requestContext") or {}
    return {
        "message": str(message),
        "type": type or DEFAULT_TYPES.get(status, f"HTTP_{status}"),
        "status": status,
        "retryable": status in RETRYABLE_STATUSES if retryable is None else bool(retryable),
        "requestId": request_context.get("extendedRequestId") or "",
    }


def error_response(status: int, message: str, event: Optional[Mapping[str, Any]] = None, *,
                   type: Optional[str] = None, retryable: Optional[bool] = None,  # noqa: A002
                   headers: Optional[Mapping[str, str]] = None, env: Optional[Mapping[str, str]] = None) -> dict:
    """A Lambda proxy response for an error, in the contract's shape.

    The JSON body every error of the API has (``message``, ``type``, ``status``, ``retryable``,
    ``requestId`` from ``requestContext.extendedRequestId``), ``Cache-Control: no-store`` and the
    API's CORS headers for errors. ``message`` is for people and reaches the client: no internal detail.
    """
    body = error_body(status, message, event, type=type, retryable=retryable)
    return {
        "statusCode": status,
        "headers": {**contract_headers(event, env), **(headers or {})},
        "body": json.dumps(body, ensure_ascii=False),
    }


class ContractError(Exception):
    """Raise it anywhere in a handler wrapped by ``contract_handler`` to answer the contract's error.

    A deliberate answer, not a failure: it is neither logged nor counted as a function error.
    """

    def __init__(self, status: int, message: str, *, type: Optional[str] = None,  # noqa: A002
                 retryable: Optional[bool] = None, headers: Optional[Mapping[str, str]] = None):
        error_body(status, message, type=type, retryable=retryable)  # checks the status now, where it is raised
        super().__init__(message)
        self.status = status
        self.message = message
        self.type = type
        self.retryable = retryable
        self.headers = dict(headers or {})

    def response(self, event: Optional[Mapping[str, Any]] = None, env: Optional[Mapping[str, str]] = None) -> dict:
        """The proxy response it stands for."""
        return error_response(self.status, self.message, event, type=self.type, retryable=self.retryable,
                              headers=self.headers, env=env)
