"""Property injectors written in Python apply to the construct, as the README's TypeScript injector does."""
from typing import Any, Dict

import jsii
import aws_cdk as cdk
from aws_cdk import Duration, PropertyInjectors
from aws_cdk import aws_cloudwatch_actions as actions
from aws_cdk import aws_sns as sns
from aws_cdk.assertions import Template

from apps.twins import new_handler, new_twin_stack
from resilient_lambda_rest_api import MonitoringOptions, ResilientLambdaRestApi


class ResilientApiInjector:
    """What every injector for the construct has: its id, which jsii reads through a property (a plain attribute set
    in __init__ is not seen from the JavaScript side)."""

    @property
    def construct_unique_id(self) -> str:
        return ResilientLambdaRestApi.PROPERTY_INJECTION_ID


@jsii.implements(cdk.IPropertyInjector)
class ShortRetryAfter(ResilientApiInjector):
    """Every API of the app tells throttled clients to retry after 7 seconds unless it says otherwise."""

    # The props arrive as a dict keyed by the TypeScript names; the InjectionContext as keyword arguments.
    def inject(self, original_props: Dict[str, Any], *, id: str, scope: Any) -> Dict[str, Any]:
        if original_props.get("throttledRetryAfter") is not None:
            return original_props
        return {**original_props, "throttledRetryAfter": Duration.seconds(7)}


def retry_after_of(stack: cdk.Stack) -> Any:
    responses = Template.from_stack(stack).find_resources("AWS::ApiGateway::GatewayResponse")
    throttled = next(r for r in responses.values() if r["Properties"]["ResponseType"] == "THROTTLED")
    return throttled["Properties"]["ResponseParameters"]["gatewayresponse.header.Retry-After"]


def test_an_injector_registered_from_python_applies() -> None:
    stack = new_twin_stack()
    PropertyInjectors.of(stack.node.root).add(ShortRetryAfter())
    ResilientLambdaRestApi(stack, "Api", handler=new_handler(stack))
    assert retry_after_of(stack) == "'7'"


def test_a_value_given_in_the_code_wins() -> None:
    stack = new_twin_stack()
    PropertyInjectors.of(stack.node.root).add(ShortRetryAfter())
    ResilientLambdaRestApi(stack, "Api", handler=new_handler(stack), throttled_retry_after=Duration.seconds(3))
    assert retry_after_of(stack) == "'3'"


def test_without_the_injector_the_default_stands() -> None:
    stack = new_twin_stack()
    ResilientLambdaRestApi(stack, "Api", handler=new_handler(stack))
    assert retry_after_of(stack) != "'7'"


@jsii.implements(cdk.IPropertyInjector)
class OnCallAlarms(ResilientApiInjector):
    """The README's injector: a struct (MonitoringOptions) injected from Python reaches the construct."""

    def __init__(self, topic: sns.ITopic) -> None:
        self._alarm_actions = [actions.SnsAction(topic)]

    def inject(self, original_props: Dict[str, Any], *, id: str, scope: Any) -> Dict[str, Any]:
        if original_props.get("monitoring") is not None:
            return original_props
        return {**original_props, "monitoring": MonitoringOptions(alarm_actions=self._alarm_actions)}


def test_an_injected_struct_reaches_the_construct() -> None:
    stack = new_twin_stack()
    topic = sns.Topic.from_topic_arn(stack, "OnCall", "arn:aws:sns:eu-west-1:123456789012:on-call")
    PropertyInjectors.of(stack.node.root).add(OnCallAlarms(topic))
    ResilientLambdaRestApi(stack, "Api", handler=new_handler(stack))
    composite = Template.from_stack(stack).find_resources("AWS::CloudWatch::CompositeAlarm")
    assert [c["Properties"]["AlarmActions"] for c in composite.values()] == [["arn:aws:sns:eu-west-1:123456789012:on-call"]]
