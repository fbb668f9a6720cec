"""Python apps and their TypeScript twins synthesize the same CloudFormation (CDK's own metadata aside)."""
import copy
import functools
from typing import List, Tuple

import pytest

from apps.twins import TWINS, new_twin_stack
from support import Json, comparable, differences, findings_of, read_twin, template_of


@functools.lru_cache(maxsize=None)
def synthesized(name: str) -> Tuple[Json, List[str]]:
    """One Python twin's template and findings (built once: jsii makes every synth cost seconds)."""
    stack = new_twin_stack()
    TWINS[name](stack)
    return template_of(stack), findings_of(stack)


@pytest.mark.parametrize("name", sorted(TWINS))
def test_python_and_typescript_synthesize_the_same_template(name: str) -> None:
    python = comparable(synthesized(name)[0])
    typescript = comparable(read_twin(name, "template"))
    found = differences(python, typescript)
    assert not found, f"the {name} twins differ at:\n" + "\n".join(found)
    assert len(python["Resources"]) > 5


@pytest.mark.parametrize("name", sorted(TWINS))
def test_resilience_checks_find_the_same_from_python(name: str) -> None:
    assert synthesized(name)[1] == read_twin(name, "findings")


def test_the_traps_stack_has_findings_to_compare() -> None:
    rules = {finding.split(" ")[0] for finding in read_twin("traps", "findings")}
    assert rules == {
        "ResilienceChecks-CorsMissingOnErrors",
        "ResilienceChecks-DataTraceEnabled",
        "ResilienceChecks-ExecutionLogsWithoutRetention",
        "ResilienceChecks-FunctionOutlivesIntegration",
        "ResilienceChecks-FunctionPolicyTooLarge",
        "ResilienceChecks-IntegrationFailureWithoutStatus",
    }


def test_the_comparison_names_every_difference() -> None:
    template = read_twin("default", "template")
    changed = copy.deepcopy(template)
    stage = next(r for r in changed["Resources"].values() if r["Type"] == "AWS::ApiGateway::Stage")
    stage["Properties"]["TracingEnabled"] = False
    changed["Resources"]["Extra"] = {"Type": "AWS::SNS::Topic"}
    found = differences(comparable(changed), comparable(template))
    assert len(found) == 2
    assert any(d.endswith("/TracingEnabled: Python false != TypeScript true") for d in found)
    assert any(d == "/Resources/Extra: only in Python" for d in found)
