"""The ``contract_handler`` decorator: errors, malformed responses and the deadline answered in the contract."""

from __future__ import annotations

import functools
import inspect
import threading
from typing import Any, Callable, Mapping, Optional

from .constants import DEADLINE_MESSAGE, DEFAULT_MARGIN_MS, FUNCTION_ERROR_MESSAGE
from .deadline import deadline_budget_ms
from .log import LineWriter, error_log_line, write_stdout
from .response import ContractError, error_response
from .validate import find_malformed_field


class _Answer:
    """Answers in the function's place: one log line (with its metric) and the contract's response."""

    def __init__(self, event: Any, context: Any, write: LineWriter, env: Optional[Mapping[str, str]]):
        self.event, self.context, self.write, self.env = event, context, write, env

    def __call__(self, cause: str, message: str, status: int, **details: Any) -> dict:
        self.write(error_log_line(cause, message, status, self.event, self.context, env=self.env, **details))
        deadline = cause == "DEADLINE"
        return error_response(status, DEADLINE_MESSAGE if deadline else FUNCTION_ERROR_MESSAGE, self.event,
                              type="FUNCTION_TIMEOUT" if deadline else "FUNCTION_ERROR", retryable=deadline, env=self.env)

    def error(self, error: BaseException) -> dict:
        if isinstance(error, ContractError):
            return error.response(self.event, self.env)
        return self("FUNCTION_ERROR", f"The handler raised: {error}", 500, error=error)

    def checked(self, result: Any) -> Any:
        fault = find_malformed_field(result)
        if fault is None:
            return result
        message = f"The handler returned a malformed proxy response: {fault.field} {fault.problem}"
        return self("MALFORMED_RESPONSE", message, 500, field=fault.field)


def _run_with_deadline(call: Callable[[], Any], budget_ms: int, stop: threading.Event) -> tuple:
    """Runs the call in a worker thread for at most the budget: ("result", value), ("error", exc) or ("deadline", None)."""
    outcome: list = []

    def target() -> None:
        try:
            outcome.append(("result", call()))
        except Exception as error:  # noqa: BLE001 - every error of the handler becomes the contract's 500
            outcome.append(("error", error))

    worker = threading.Thread(target=target, name="contract-handler", daemon=True)
    worker.start()
    worker.join(budget_ms / 1000)
    if worker.is_alive() or not outcome:
        stop.set()
        return ("deadline", None)
    return outcome[0]


def contract_handler(handler: Optional[Callable] = None, *, margin_ms: int = DEFAULT_MARGIN_MS, deadline: bool = True,
                     write: Optional[LineWriter] = None, env: Optional[Mapping[str, str]] = None) -> Callable:
    """Wraps a Lambda proxy handler in the error contract; use as ``@contract_handler`` or ``@contract_handler(...)``.

    An exception becomes the contract's 500 (a ``ContractError`` becomes its own response); a
    malformed response becomes the contract's 500 whose log line names the field at fault; and
    ``margin_ms`` before API Gateway would cut the request (the integration timeout the construct
    sets in the environment, or the function's own remaining time) the client gets the contract's
    504 and the handler's ``stop`` event is set (a handler that takes a ``stop`` keyword gets a
    ``threading.Event``). Each logs one JSON line with the request ids and a count in the metric
    the construct's alarms read. The deadline runs the handler in a worker thread; ``deadline=False``
    runs it in the calling thread, without the 504.
    """
    if handler is None:
        return functools.partial(contract_handler, margin_ms=margin_ms, deadline=deadline, write=write, env=env)
    wants_stop = "stop" in inspect.signature(handler).parameters

    @functools.wraps(handler)
    def wrapped(event: Any, context: Any) -> Any:
        answer = _Answer(event, context, write or write_stdout, env)
        stop = threading.Event()
        call = (lambda: handler(event, context, stop=stop)) if wants_stop else (lambda: handler(event, context))
        budget = deadline_budget_ms(context, margin_ms, env) if deadline else None
        if budget is None:
            try:
                return answer.checked(call())
            except Exception as error:  # noqa: BLE001
                return answer.error(error)
        kind, value = _run_with_deadline(call, budget, stop)
        if kind == "deadline":
            message = f"The handler did not answer within {budget} ms; answered 504 before API Gateway would and set its stop event"
            return answer("DEADLINE", message, 504)
        return answer.error(value) if kind == "error" else answer.checked(value)

    return wrapped
