import json

import pytest
from conftest import EXTENDED_ID, proxy_event, schema_errors

from resilient_lambda_rest_api_handler import (
    ERROR_HEADERS_ENV, ContractError, contract_headers, error_response, mapping_value,
)


def test_a_404_in_the_contracts_shape():
    response = error_response(404, "No order 42", proxy_event(), env={})
    assert response["statusCode"] == 404
    assert response["headers"] == {"Content-Type": "application/json", "Cache-Control": "no-store"}
    assert json.loads(response["body"]) == {
        "message": "No order 42", "type": "NOT_FOUND", "status": 404, "retryable": False, "requestId": EXTENDED_ID,
    }


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422, 429, 451, 500, 502, 503, 504, 599])
def test_every_status_gives_a_body_the_schema_accepts(status):
    body = json.loads(error_response(status, 'He said "no"\n😀', proxy_event(), env={})["body"])
    assert schema_errors(body) == []
    assert body["retryable"] == (status in (429, 502, 503, 504))


def test_type_retryable_and_headers_can_be_given_and_no_event_gives_an_empty_request_id():
    response = error_response(409, "Taken", type="ORDER_EXISTS", retryable=True, headers={"Retry-After": "3"}, env={})
    assert json.loads(response["body"])["type"] == "ORDER_EXISTS"
    assert json.loads(response["body"])["requestId"] == ""
    assert response["headers"]["Retry-After"] == "3"
    assert schema_errors(response["body"]) == []


@pytest.mark.parametrize("status", [200, 399, 600, 404.0, "404", True])
def test_refuses_a_status_that_is_not_an_error(status):
    with pytest.raises(ValueError, match="status must be an integer from 400 to 599"):
        error_response(status, "x")
    with pytest.raises(ValueError):
        ContractError(status, "x")


ONE_ORIGIN = {"Access-Control-Allow-Origin": "'https://app.example.com'", "Vary": "'Origin'",
              "Access-Control-Allow-Credentials": "'true'"}
ECHO = {"Access-Control-Allow-Origin": "method.request.header.Origin", "Vary": "'Origin'"}


def test_cors_headers_as_the_construct_passes_them():
    env = {ERROR_HEADERS_ENV: json.dumps(ONE_ORIGIN)}
    assert contract_headers(proxy_event(), env)["Access-Control-Allow-Origin"] == "https://app.example.com"
    assert contract_headers(proxy_event(), env)["Access-Control-Allow-Credentials"] == "true"
    echo = {ERROR_HEADERS_ENV: json.dumps(ECHO)}
    assert contract_headers(proxy_event({"origin": "https://b.example.com"}), echo)["Access-Control-Allow-Origin"] == "https://b.example.com"
    assert "Access-Control-Allow-Origin" not in contract_headers(proxy_event(), echo)
    assert error_response(400, "x", proxy_event(), env=env)["headers"]["Vary"] == "Origin"


@pytest.mark.parametrize("expression,expected", [
    ("'lit'", "lit"),
    ("method.request.header.X-Tenant", "t1"),
    ("method.request.querystring.q", "v"),
    ("method.request.path.id", "42"),
    ("stageVariables.origin", "s"),
    ("method.request.header.Missing", None),
    ("context.requestId", None),
])
def test_mapping_expressions(expression, expected):
    event = {**proxy_event({"x-tenant": "t1"}), "queryStringParameters": {"q": "v"}, "pathParameters": {"id": "42"},
             "stageVariables": {"origin": "s"}}
    assert mapping_value(expression, event) == expected


@pytest.mark.parametrize("value", ["not json", "[1]", '{"A": 3}'])
def test_a_value_the_construct_did_not_write_gives_no_cors_headers(value):
    assert contract_headers(None, {ERROR_HEADERS_ENV: value}) == {"Content-Type": "application/json", "Cache-Control": "no-store"}


def test_the_environment_is_read_by_default(monkeypatch):
    monkeypatch.setenv(ERROR_HEADERS_ENV, json.dumps({"Access-Control-Allow-Origin": "'*'"}))
    assert error_response(400, "x")["headers"]["Access-Control-Allow-Origin"] == "*"
