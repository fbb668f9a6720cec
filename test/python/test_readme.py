"""Every Python block of the README runs, as rosetta compiles every TypeScript one: in a fixture that supplies what
the blocks take as given (`self` a Stack; `handler`, `orders` and `users` functions; and, in the working directory
conftest.py moves to, the files `lambda/` and `api.yaml`)."""
import os
import re
from typing import Any, Dict, List

import aws_cdk as cdk
import pytest

from apps.twins import new_handler, new_twin_stack
from support import template_of

README = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "README.md")


def python_blocks() -> List[str]:
    """The README's Python blocks, but for the handler helper's: Lambda code that handlers/python/tests runs."""
    with open(README, encoding="utf-8") as f:
        blocks = re.findall(r"^```python\n(.*?)^```", f.read(), flags=re.S | re.M)
    return [block for block in blocks if "resilient_lambda_rest_api_handler" not in block]


def run_block(code: str) -> Dict[str, Any]:
    """Runs one block in a fresh stack, as rosetta's fixture places a TypeScript block in a Stack's constructor."""
    stack = new_twin_stack()
    names: Dict[str, Any] = {
        "self": stack,
        "handler": new_handler(stack, "FixtureHandler"),
        "orders": new_handler(stack, "FixtureOrders"),
        "users": new_handler(stack, "FixtureUsers"),
    }
    exec(compile(code, "README.md", "exec"), names)
    names["__stack__"] = stack
    return names


def test_the_readme_has_python_blocks() -> None:
    assert len(python_blocks()) >= 4


@pytest.mark.parametrize("index", range(len(python_blocks())))
def test_the_readme_python_block_runs_and_synthesizes(index: int) -> None:
    names = run_block(python_blocks()[index])
    template = template_of(names["__stack__"])
    assert "Resources" in template
    app = names.get("app")
    if isinstance(app, cdk.App):
        app.synth()
