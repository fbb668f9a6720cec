"""The README's Powertools pairing: the resolver routes, the helper speaks the contract."""

import json

import pytest
from aws_lambda_powertools.event_handler import APIGatewayRestResolver
from conftest import EXTENDED_ID, FakeContext, proxy_event, schema_errors

from resilient_lambda_rest_api_handler import INTEGRATION_TIMEOUT_ENV, ContractError, contract_handler


def powertools_handler(lines, env):
    app = APIGatewayRestResolver()

    @app.get("/orders/<order_id>")
    def get_order(order_id):
        raise ContractError(404, f"No order {order_id}")

    @app.get("/boom")
    def boom():
        raise RuntimeError("db down")

    @app.get("/slow")
    def slow():
        app.context["stop"].wait(5)
        return {"late": True}

    @app.not_found
    def not_found(_error):
        raise ContractError(404, "No such route")

    @contract_handler(write=lines, env=env)
    def handler(event, context, stop):
        app.append_context(stop=stop)
        return app.resolve(event, context)

    return handler


@pytest.mark.parametrize("path,status,type_", [
    ("/orders/42", 404, "NOT_FOUND"),
    ("/nowhere", 404, "NOT_FOUND"),
    ("/boom", 500, "FUNCTION_ERROR"),
])
def test_routes_answer_in_the_contracts_shape(lines, path, status, type_):
    response = powertools_handler(lines, {})(proxy_event(path=path), FakeContext(10_000))
    assert response["statusCode"] == status
    assert schema_errors(response["body"]) == []
    assert json.loads(response["body"])["type"] == type_
    assert json.loads(response["body"])["requestId"] == EXTENDED_ID
    assert [line["cause"] for line in lines.logged] == (["FUNCTION_ERROR"] if type_ == "FUNCTION_ERROR" else [])


def test_the_deadline_answers_504_around_the_resolver(lines):
    response = powertools_handler(lines, {INTEGRATION_TIMEOUT_ENV: "600"})(proxy_event(path="/slow"), FakeContext(10_000))
    assert response["statusCode"] == 504
    assert [line["cause"] for line in lines.logged] == ["DEADLINE"]
