import pytest

from resilient_lambda_rest_api_handler import find_malformed_field


@pytest.mark.parametrize("result,field", [
    ("ok", "response"),
    (None, "response"),
    ([], "response"),
    ({"statusCode": 200.5, "body": ""}, "statusCode"),
    ({"statusCode": "OK", "body": ""}, "statusCode"),
    ({"statusCode": 99, "body": ""}, "statusCode"),
    ({"statusCode": True, "body": ""}, "statusCode"),
    ({"statusCode": 200, "headers": {"X-Count": 3}, "body": ""}, "headers.X-Count"),
    ({"statusCode": 200, "headers": ["a"], "body": ""}, "headers"),
    ({"statusCode": 200, "multiValueHeaders": {"Set-Cookie": "a=1"}}, "multiValueHeaders.Set-Cookie"),
    ({"statusCode": 200, "multiValueHeaders": {"A": ["x", 1]}}, "multiValueHeaders.A"),
    ({"statusCode": 200, "multiValueHeaders": "x"}, "multiValueHeaders"),
    ({"statusCode": 200, "body": {"ok": True}}, "body"),
    ({"statusCode": 200, "body": "", "isBase64Encoded": "true"}, "isBase64Encoded"),
])
def test_names_the_field_api_gateway_would_refuse(result, field):
    fault = find_malformed_field(result)
    assert fault.field == field
    assert fault.problem.startswith("must be")


@pytest.mark.parametrize("result", [
    {"statusCode": 201, "headers": {"A": "b"}, "multiValueHeaders": {"C": ["d"]}, "body": "{}", "isBase64Encoded": False},
    {},
    {"statusCode": "201"},
    {"statusCode": 204, "headers": None, "body": None},
])
def test_well_formed(result):
    assert find_malformed_field(result) is None
