"""Requests, contexts and the schema check shared by the Python helper's tests."""

import json
from pathlib import Path

import jsonschema
import pytest

from resilient_lambda_rest_api_handler import ERROR_BODY_SCHEMA_PATH

EXTENDED_ID = "Xq3KzGpUoAMEbXg="
REPO = Path(__file__).resolve().parents[3]
SCHEMA = json.loads((REPO / "schema" / "error-body.schema.json").read_text())


def schema_errors(body):
    """The schema's complaints about a body (a dict or its JSON text); empty when it is valid."""
    value = json.loads(body) if isinstance(body, str) else body
    return [error.message for error in jsonschema.Draft7Validator(SCHEMA).iter_errors(value)]


def proxy_event(headers=None, path="/orders/42"):
    return {
        "resource": path, "path": path, "httpMethod": "GET", "headers": headers or {}, "multiValueHeaders": {},
        "queryStringParameters": None, "multiValueQueryStringParameters": None, "pathParameters": None,
        "stageVariables": None, "body": None, "isBase64Encoded": False,
        "requestContext": {"extendedRequestId": EXTENDED_ID, "requestId": "c6af9ac6-api", "httpMethod": "GET",
                           "path": path, "resourcePath": path, "stage": "prod"},
    }


class FakeContext:
    function_name = "orders-fn"
    aws_request_id = "lambda-1"
    memory_limit_in_mb = 128
    invoked_function_arn = "arn:aws:lambda:eu-west-1:123456789012:function:orders-fn"

    def __init__(self, remaining_ms=30_000):
        self.remaining_ms = remaining_ms

    def get_remaining_time_in_millis(self):
        return self.remaining_ms


class Lines:
    """Collects the log lines a wrapper writes."""

    def __init__(self):
        self.logged = []

    def __call__(self, line):
        self.logged.append(json.loads(line))


@pytest.fixture
def lines():
    return Lines()


def test_the_installed_package_ships_the_generated_schema():
    assert json.loads(ERROR_BODY_SCHEMA_PATH.read_text()) == SCHEMA
