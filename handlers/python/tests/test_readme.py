"""The README's Python handler examples (the blocks of the handler helpers' section) run and answer in the contract."""

import json
import re

import pytest
from conftest import REPO, FakeContext, proxy_event, schema_errors

README = (REPO / "README.md").read_text()
START = README.index("## The function's side of the contract: handler helpers")
SECTION = README[START:README.index("\n## ", START + 1)]
BLOCKS = re.findall(r"```python\n(.*?)```", SECTION, re.DOTALL)


def load(code):
    namespace = {"__name__": "readme_block"}
    exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102 - the README's own example
    return namespace["handler"]


def event(order_id, path="/orders/1"):
    return {**proxy_event(path=path), "pathParameters": None if order_id is None else {"id": order_id}}


def test_there_are_two_handler_blocks_and_no_cdk_code_among_them():
    assert len(BLOCKS) == 2
    assert all("aws_cdk" not in block and "self" not in block for block in BLOCKS)


@pytest.mark.parametrize("order_id,status", [("x", 400), ("2", 404), ("1", 200)])
def test_the_plain_handler(capsys, order_id, status):
    response = load(BLOCKS[0])(event(order_id), FakeContext())
    assert response["statusCode"] == status
    if status >= 400:
        assert schema_errors(response["body"]) == []
    else:
        assert json.loads(response["body"]) == {"id": "1", "item": "book"}


@pytest.mark.parametrize("path", ["/orders/7", "/nowhere"])
def test_the_powertools_resolver(path):
    response = load(BLOCKS[1])(event(None, path), FakeContext())
    assert response["statusCode"] == 404
    assert schema_errors(response["body"]) == []
