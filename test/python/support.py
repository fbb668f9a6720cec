"""What the Python tests share: templates as the parity test compares them, and where they differ."""
from __future__ import annotations

import hashlib
import json
import os
from typing import Any, Dict, List

import aws_cdk as cdk
from aws_cdk.assertions import Template

from resilient_lambda_rest_api import ResilienceChecks

Json = Dict[str, Any]


def twin_dir() -> str:
    """The folder the TypeScript twins were written to (scripts/test-python.sh sets TWIN_DIR)."""
    folder = os.environ.get("TWIN_DIR")
    if not folder:
        raise RuntimeError("TWIN_DIR is not set: run the suite with scripts/test-python.sh, which writes the TypeScript twins")
    return folder


def read_twin(name: str, kind: str) -> Any:
    with open(os.path.join(twin_dir(), f"{name}.{kind}.json"), encoding="utf-8") as f:
        return json.load(f)


def comparable(template: Json) -> Json:
    """The template without what CDK adds for itself (resource metadata: construct paths, asset paths)."""
    resources = {
        logical_id: {key: value for key, value in resource.items() if key != "Metadata"}
        for logical_id, resource in template.get("Resources", {}).items()
        if resource.get("Type") != "AWS::CDK::Metadata"
    }
    return {**template, "Resources": resources}


def differences(left: Any, right: Any, path: str = "") -> List[str]:
    """Every JSON path where two documents differ, with both values: a failed parity test names them all."""
    if isinstance(left, dict) and isinstance(right, dict):
        found: List[str] = []
        for key in sorted(set(left) | set(right)):
            if key not in left:
                found.append(f"{path}/{key}: only in TypeScript")
            elif key not in right:
                found.append(f"{path}/{key}: only in Python")
            else:
                found.extend(differences(left[key], right[key], f"{path}/{key}"))
        return found
    if isinstance(left, list) and isinstance(right, list) and len(left) == len(right):
        return [d for i, (a, b) in enumerate(zip(left, right)) for d in differences(a, b, f"{path}[{i}]")]
    return [] if left == right else [f"{path}: Python {json.dumps(left)[:200]} != TypeScript {json.dumps(right)[:200]}"]


def template_of(stack: cdk.Stack) -> Json:
    """The stack's template; with TEMPLATE_DUMP_DIR set (.ci/run sets it), also written there for cfn-lint."""
    template: Json = dict(Template.from_stack(stack).to_json())
    folder = os.environ.get("TEMPLATE_DUMP_DIR")
    if folder:
        text = json.dumps(template, indent=1)
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, hashlib.sha1(text.encode()).hexdigest() + ".template.json"), "w", encoding="utf-8") as f:
            f.write(text)
    return template


def findings_of(stack: cdk.Stack) -> List[str]:
    """The pack's findings as `rule construct-path`, sorted, as test/python/twins.ts writes them."""
    report = ResilienceChecks().validate_scope(stack)
    return sorted(
        f"{violation.rule_name} {resource.construct_path}"
        for violation in report.violations
        for resource in violation.violating_resources
    )
