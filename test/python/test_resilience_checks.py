"""ResilienceChecks used from Python: acknowledgements work as in TypeScript."""
from aws_cdk import Acknowledgment, Validations
from aws_cdk import aws_apigateway as apigateway

from apps.twins import new_handler, new_twin_stack
from support import findings_of


def plain_api() -> apigateway.LambdaRestApi:
    stack = new_twin_stack()
    return apigateway.LambdaRestApi(stack, "Api", handler=new_handler(stack))


def test_a_plain_lambda_rest_api_has_no_alarm() -> None:
    api = plain_api()
    assert findings_of(api.stack) == ["ResilienceChecks-StageWithoutAlarm TwinStack/Api/DeploymentStage.prod/Resource"]


def test_an_acknowledged_finding_is_not_reported() -> None:
    api = plain_api()
    Validations.of(api.deployment_stage).acknowledge(Acknowledgment(id="ResilienceChecks-StageWithoutAlarm", reason="alarmed elsewhere"))
    assert findings_of(api.stack) == []


def test_an_acknowledgement_on_a_parent_covers_the_stage() -> None:
    api = plain_api()
    Validations.of(api).acknowledge(Acknowledgment(id="ResilienceChecks-StageWithoutAlarm", reason="alarmed elsewhere"))
    assert findings_of(api.stack) == []


def test_another_rule_s_acknowledgement_does_not() -> None:
    api = plain_api()
    Validations.of(api).acknowledge(Acknowledgment(id="ResilienceChecks-DataTraceEnabled", reason="not this one"))
    assert len(findings_of(api.stack)) == 1
