"""The Python twins of test/python/twins.ts: each function builds in a stack what its TypeScript twin of the
same name builds there, and test_parity.py checks that both synthesize the same template. Change them together."""
from __future__ import annotations

import os
from typing import Callable, Dict, Optional

import aws_cdk as cdk
from aws_cdk import Acknowledgment, Duration, Validations
from aws_cdk import aws_apigateway as apigateway
from aws_cdk import aws_cloudwatch_actions as actions
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk import aws_sns as sns
from resilient_lambda_rest_api import (
    ErrorResponseOverride,
    InvokePermissionScope,
    LambdaErrorMapping,
    MonitoringOptions,
    ResilientLambdaRestApi,
    ResilientSpecRestApi,
)

TWIN_FILES = os.path.dirname(os.path.abspath(__file__))


def new_twin_stack() -> cdk.Stack:
    """The stack every twin is built in: the app context, name and environment of the TypeScript side."""
    app = cdk.App(context={"@aws-cdk/core:validateAgainstDefaultRules": True})
    return cdk.Stack(app, "TwinStack", env=cdk.Environment(account="123456789012", region="eu-west-1"))


def new_handler(stack: cdk.Stack, id: str = "Handler", timeout: Optional[Duration] = None,
                reserved_concurrent_executions: Optional[int] = None) -> lambda_.Function:
    """A function with inline code, as test/util.ts's newHandler."""
    return lambda_.Function(stack, id,
        runtime=lambda_.Runtime.NODEJS_22_X,
        handler="index.handler",
        code=lambda_.Code.from_inline('exports.handler = async () => ({ statusCode: 200, body: "ok" });'),
        timeout=timeout,
        reserved_concurrent_executions=reserved_concurrent_executions,
    )


def build_default_stack(stack: cdk.Stack) -> None:
    ResilientLambdaRestApi(stack, "Api", handler=new_handler(stack))


def build_fully_configured_stack(stack: cdk.Stack) -> None:
    handler = new_handler(stack, "Handler", timeout=Duration.seconds(10), reserved_concurrent_executions=50)
    key = kms.Key(stack, "LogKey", enable_key_rotation=True)
    key.grant_encrypt_decrypt(iam.ServicePrincipal(f"logs.{stack.region}.amazonaws.com"))
    topic = sns.Topic(stack, "OnCall", enforce_ssl=True, master_key=key)
    api = ResilientLambdaRestApi(stack, "Api",
        handler=handler,
        proxy=False,
        rest_api_name="orders",
        integration_options=apigateway.LambdaIntegrationOptions(
            proxy=False, timeout=Duration.seconds(12), allow_test_invoke=False),
        error_mappings=[
            LambdaErrorMapping.prefix("NotFound", "404"),
            LambdaErrorMapping.json_field("errorType", "Conflict", "409"),
        ],
        error_responses=[ErrorResponseOverride(
            type=apigateway.ResponseType.INTEGRATION_TIMEOUT, status_code="503", message="Busy, retry shortly")],
        throttled_retry_after=Duration.seconds(2),
        default_cors_preflight_options=apigateway.CorsOptions(
            allow_origins=["https://app.example"], allow_credentials=True),
        deploy_options=apigateway.StageOptions(
            stage_name="live", throttling_rate_limit=200, throttling_burst_limit=50),
        invoke_permission_scope=InvokePermissionScope.DEPLOYMENT_STAGE,
        cloud_watch_role=True,
        log_retention=logs.RetentionDays.THREE_MONTHS,
        log_encryption_key=key,
        monitoring=MonitoringOptions(
            dashboard=True, alarm_actions=[actions.SnsAction(topic)], ok_actions=[actions.SnsAction(topic)]),
    )
    orders = api.root.add_resource("orders")
    orders.add_method("GET")
    orders.add_method("POST")
    orders.add_resource("{id}").add_method("DELETE")


def build_custom_integration_stack(stack: cdk.Stack) -> None:
    api = ResilientLambdaRestApi(stack, "Api",
        handler=new_handler(stack),
        proxy=False,
        integration_options=apigateway.LambdaIntegrationOptions(proxy=False),
        error_mappings=[
            LambdaErrorMapping.prefix("NotFound", "404"),
            LambdaErrorMapping.json_field("errorType", "Conflict", "409", message="The order changed"),
            LambdaErrorMapping.function_timeout(),
        ],
    )
    api.root.add_resource("orders").add_method("POST")


def build_second_function_stack(stack: cdk.Stack) -> None:
    api = ResilientLambdaRestApi(stack, "Api", handler=new_handler(stack), proxy=False)
    api.root.add_resource("orders").add_method("GET")
    reports = api.lambda_integration(new_handler(stack, "Reports"), timeout=Duration.seconds(20))
    api.root.add_resource("reports").add_method("GET", reports)


def build_gateway_response_stack(stack: cdk.Stack) -> None:
    api = ResilientLambdaRestApi(stack, "Api", handler=new_handler(stack))
    api.add_gateway_response("Unauthorized",
        type=apigateway.ResponseType.UNAUTHORIZED,
        status_code="401",
        response_headers={"WWW-Authenticate": "'Bearer'"},
    )


def build_spec_stack(stack: cdk.Stack) -> None:
    orders = new_handler(stack, "Orders")
    users = new_handler(stack, "Users")
    ResilientSpecRestApi(stack, "Api",
        api_definition=apigateway.ApiDefinition.from_asset(os.path.join(TWIN_FILES, "api.yaml")),
        integrations={"listOrders": orders, "getOrder": orders, "getUser": users},
        integration_timeout=Duration.seconds(10),
        error_cors_options=apigateway.CorsOptions(allow_origins=["https://example.com"]),
    )


def build_traps_stack(stack: cdk.Stack) -> None:
    api = apigateway.LambdaRestApi(stack, "Api",
        handler=new_handler(stack),
        proxy=False,
        default_cors_preflight_options=apigateway.CorsOptions(allow_origins=["https://app.example"]),
        deploy_options=apigateway.StageOptions(
            data_trace_enabled=True, logging_level=apigateway.MethodLoggingLevel.INFO),
    )
    for i in range(30):
        api.root.add_resource(f"r{i}").add_method("GET")
    slow = new_handler(stack, "Slow", timeout=Duration.seconds(60))
    api.root.add_resource("slow").add_method("GET", apigateway.LambdaIntegration(slow))
    api.add_gateway_response("Failure", type=apigateway.ResponseType.INTEGRATION_FAILURE)
    Validations.of(api.deployment_stage).acknowledge(
        Acknowledgment(id="ResilienceChecks-StageWithoutAlarm", reason="alarmed elsewhere"))


TWINS: Dict[str, Callable[[cdk.Stack], None]] = {
    "default": build_default_stack,
    "full": build_fully_configured_stack,
    "custom_integration": build_custom_integration_stack,
    "second_function": build_second_function_stack,
    "gateway_response": build_gateway_response_stack,
    "spec": build_spec_stack,
    "traps": build_traps_stack,
}
