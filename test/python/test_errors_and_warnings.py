"""What a Python user sees of a mistake: a RuntimeError naming the prop and the allowed values, or a warning."""
import re

import pytest
from aws_cdk import Duration
from aws_cdk import aws_apigateway as apigateway
from aws_cdk.assertions import Annotations, Match

from apps.twins import new_handler, new_twin_stack
from resilient_lambda_rest_api import ErrorResponseOverride, ResilientLambdaRestApi


def test_an_integration_timeout_out_of_range_names_the_prop_and_the_range() -> None:
    stack = new_twin_stack()
    with pytest.raises(RuntimeError) as error:
        ResilientLambdaRestApi(stack, "Api", handler=new_handler(stack),
            integration_options=apigateway.LambdaIntegrationOptions(timeout=Duration.millis(20)))
    assert re.search(r"integrationOptions\.timeout.* must be at least 50 ms; got 20 ms", str(error.value))


def test_a_retry_after_out_of_range_names_the_prop_and_the_allowed_values() -> None:
    stack = new_twin_stack()
    with pytest.raises(RuntimeError) as error:
        ResilientLambdaRestApi(stack, "Api", handler=new_handler(stack), throttled_retry_after=Duration.days(2))
    assert "throttledRetryAfter must be a whole number of seconds from 1 to 86400; got 172800" in str(error.value)


def test_a_bad_status_code_names_the_override() -> None:
    stack = new_twin_stack()
    with pytest.raises(RuntimeError) as error:
        ResilientLambdaRestApi(stack, "Api", handler=new_handler(stack), error_responses=[
            ErrorResponseOverride(type=apigateway.ResponseType.THROTTLED, status_code="42")])
    assert "errorResponses[0].statusCode must be an HTTP status code from 100 to 599" in str(error.value)


def test_a_risky_choice_is_a_warning_in_annotations() -> None:
    stack = new_twin_stack()
    ResilientLambdaRestApi(stack, "Api", handler=new_handler(stack, timeout=Duration.seconds(60)))
    warnings = Annotations.from_stack(stack).find_warning("*", Match.string_like_regexp("functionTimeoutExceedsIntegrationTimeout"))
    assert len(warnings) == 1
    assert "29" in str(warnings[0].entry.data)
