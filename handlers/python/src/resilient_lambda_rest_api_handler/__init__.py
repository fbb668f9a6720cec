"""The function's side of resilient-lambda-rest-api's error contract.

``error_response`` and ``ContractError`` answer errors in the contract's shape; ``contract_handler``
turns exceptions and malformed responses into the contract's 500 and answers the contract's 504
before API Gateway's integration timeout. No dependencies.
"""

from .constants import (
    DEADLINE_MESSAGE,
    DEFAULT_MARGIN_MS,
    ERROR_HEADERS_ENV,
    FUNCTION_DEADLINES_METRIC,
    FUNCTION_ERROR_MESSAGE,
    FUNCTION_ERRORS_METRIC,
    INTEGRATION_TIMEOUT_ENV,
    METRICS_NAMESPACE,
)
from .deadline import deadline_budget_ms, integration_timeout_ms
from .log import error_log_line
from .response import ContractError, contract_headers, error_body, error_response, mapping_value
from .validate import MalformedField, find_malformed_field
from .wrapper import contract_handler

#: The path of the error body's JSON Schema shipped with the package.
from pathlib import Path as _Path

ERROR_BODY_SCHEMA_PATH = _Path(__file__).with_name("error-body.schema.json")

__all__ = [
    "ContractError",
    "DEADLINE_MESSAGE",
    "DEFAULT_MARGIN_MS",
    "ERROR_BODY_SCHEMA_PATH",
    "ERROR_HEADERS_ENV",
    "FUNCTION_DEADLINES_METRIC",
    "FUNCTION_ERROR_MESSAGE",
    "FUNCTION_ERRORS_METRIC",
    "INTEGRATION_TIMEOUT_ENV",
    "METRICS_NAMESPACE",
    "MalformedField",
    "contract_handler",
    "contract_headers",
    "deadline_budget_ms",
    "error_body",
    "error_log_line",
    "error_response",
    "find_malformed_field",
    "integration_timeout_ms",
    "mapping_value",
]
