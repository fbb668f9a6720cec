import json
import threading

import pytest
from conftest import EXTENDED_ID, FakeContext, proxy_event, schema_errors

from resilient_lambda_rest_api_handler import (
    FUNCTION_DEADLINES_METRIC, FUNCTION_ERRORS_METRIC, INTEGRATION_TIMEOUT_ENV, METRICS_NAMESPACE,
    ContractError, contract_handler, deadline_budget_ms, error_response, integration_timeout_ms,
)

ENV = {"AWS_LAMBDA_FUNCTION_NAME": "orders-fn", "_X_AMZN_TRACE_ID": "Root=1-abc"}


@pytest.mark.parametrize("deadline", [True, False])
def test_passes_a_well_formed_response_through(lines, deadline):
    @contract_handler(write=lines, env=ENV, deadline=deadline)
    def handler(event, context):
        return {"statusCode": 200, "body": "ok"}

    assert handler(proxy_event(), FakeContext()) == {"statusCode": 200, "body": "ok"}
    assert lines.logged == []
    assert handler.__name__ == "handler"


def test_the_bare_decorator_works(monkeypatch):
    monkeypatch.delenv(INTEGRATION_TIMEOUT_ENV, raising=False)

    @contract_handler
    def handler(event, context):
        return error_response(404, "No order 42", event)

    assert json.loads(handler(proxy_event(), FakeContext())["body"])["type"] == "NOT_FOUND"


@pytest.mark.parametrize("deadline", [True, False])
def test_a_contract_error_raised_anywhere_is_its_own_response_neither_logged_nor_counted(lines, deadline):
    @contract_handler(write=lines, env=ENV, deadline=deadline)
    def handler(event, context):
        raise ContractError(409, "The order changed", type="ORDER_CHANGED")

    response = handler(proxy_event(), FakeContext())
    assert response["statusCode"] == 409
    assert json.loads(response["body"])["type"] == "ORDER_CHANGED"
    assert schema_errors(response["body"]) == []
    assert lines.logged == []


@pytest.mark.parametrize("deadline", [True, False])
def test_an_exception_becomes_the_contracts_500_and_one_structured_line(lines, deadline):
    @contract_handler(write=lines, env=ENV, deadline=deadline)
    def handler(event, context):
        raise RuntimeError("db down")

    response = handler(proxy_event(), FakeContext())
    assert response["statusCode"] == 500
    assert json.loads(response["body"]) == {
        "message": "Internal server error", "type": "FUNCTION_ERROR", "status": 500, "retryable": False, "requestId": EXTENDED_ID,
    }
    assert schema_errors(response["body"]) == []
    assert response["headers"]["Cache-Control"] == "no-store"
    assert "db down" not in response["body"]
    [line] = lines.logged
    assert line["level"] == "ERROR" and line["cause"] == "FUNCTION_ERROR" and line["status"] == 500
    assert (line["requestId"], line["apiRequestId"], line["lambdaRequestId"], line["xrayTraceId"]) == (
        EXTENDED_ID, "c6af9ac6-api", "lambda-1", "Root=1-abc")
    assert line["errorName"] == "RuntimeError" and "db down" in line["stack"]
    assert line["_aws"]["CloudWatchMetrics"] == [
        {"Namespace": METRICS_NAMESPACE, "Dimensions": [["FunctionName"]], "Metrics": [{"Name": FUNCTION_ERRORS_METRIC, "Unit": "Count"}]}]
    assert line["FunctionName"] == "orders-fn" and line[FUNCTION_ERRORS_METRIC] == 1


@pytest.mark.parametrize("result,field", [
    ({"statusCode": "2OO", "body": ""}, "statusCode"),
    ({"statusCode": 200, "headers": {"X-Count": 3}, "body": ""}, "headers.X-Count"),
    ({"statusCode": 200, "body": {"ok": True}}, "body"),
    ("ok", "response"),
])
def test_a_malformed_response_becomes_the_contracts_500_whose_line_names_the_field(lines, result, field):
    response = contract_handler(lambda event, context: result, write=lines, env=ENV)(proxy_event(), FakeContext())
    assert response["statusCode"] == 500
    assert schema_errors(response["body"]) == []
    [line] = lines.logged
    assert (line["cause"], line["field"], line["requestId"]) == ("MALFORMED_RESPONSE", field, EXTENDED_ID)
    assert field in line["message"]
    assert line[FUNCTION_ERRORS_METRIC] == 1


def test_the_deadline_answers_504_sets_the_stop_event_and_logs_that_it_did(lines):
    stopped = threading.Event()

    @contract_handler(write=lines, env={**ENV, INTEGRATION_TIMEOUT_ENV: "150"}, margin_ms=100)
    def handler(event, context, stop):
        if stop.wait(10):
            stopped.set()
        return {"statusCode": 200, "body": "too late"}

    response = handler(proxy_event(), FakeContext(60_000))
    assert response["statusCode"] == 504
    assert json.loads(response["body"]) == {
        "message": "The function timed out", "type": "FUNCTION_TIMEOUT", "status": 504, "retryable": True, "requestId": EXTENDED_ID,
    }
    assert schema_errors(response["body"]) == []
    assert stopped.wait(5)
    [line] = lines.logged
    assert (line["cause"], line["status"], line[FUNCTION_DEADLINES_METRIC]) == ("DEADLINE", 504, 1)
    assert "50 ms" in line["message"]
    assert line["_aws"]["CloudWatchMetrics"][0]["Metrics"] == [{"Name": FUNCTION_DEADLINES_METRIC, "Unit": "Count"}]


def test_without_the_constructs_variable_the_remaining_time_sets_it(lines):
    never = threading.Event()
    handler = contract_handler(lambda event, context: never.wait(5), write=lines, env=ENV, margin_ms=500)
    assert handler(proxy_event(), FakeContext(520))["statusCode"] == 504


@pytest.mark.parametrize("timeout,remaining,margin,expected", [
    ("29000", 900_000, 500, 28_500),
    ("29000", 10_000, 500, 9_500),
    (None, 3_000, 500, 2_500),
    ("nonsense", 3_000, 500, 2_500),
    ("-5", None, 500, None),
    ("100", None, 500, 0),
])
def test_the_budget(timeout, remaining, margin, expected):
    env = {} if timeout is None else {INTEGRATION_TIMEOUT_ENV: timeout}
    context = object() if remaining is None else FakeContext(remaining)
    assert deadline_budget_ms(context, margin, env) == expected


def test_the_environment_is_read_by_default(monkeypatch):
    monkeypatch.setenv(INTEGRATION_TIMEOUT_ENV, "7000")
    assert integration_timeout_ms() == 7000
