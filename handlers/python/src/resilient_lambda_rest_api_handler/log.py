"""One structured JSON line per error the helper answered, with its EMF metric."""

from __future__ import annotations

import json
import os
import sys
import time
import traceback
from datetime import datetime, timezone
from typing import Any, Callable, Mapping, Optional

from .constants import FUNCTION_DEADLINES_METRIC, FUNCTION_ERRORS_METRIC, METRICS_NAMESPACE

#: Where lines go: stdout (CloudWatch reads the JSON and its embedded metric).
LineWriter = Callable[[str], None]


def write_stdout(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def error_log_line(cause: str, message: str, status: int, event: Optional[Mapping[str, Any]], context: Any, *,
                   field: Optional[str] = None, error: Optional[BaseException] = None,
                   env: Optional[Mapping[str, str]] = None, now_ms: Optional[int] = None) -> str:
    """The line: cause, field at fault, the request ids and one count in the metric the construct's alarms read.

    ``FunctionErrors`` for a caught error or malformed response, ``FunctionDeadlines`` for a deadline.
    """
    env = os.environ if env is None else env
    now_ms = int(time.time() * 1000) if now_ms is None else now_ms
    metric = FUNCTION_DEADLINES_METRIC if cause == "DEADLINE" else FUNCTION_ERRORS_METRIC
    request_context = (event or {}).get("requestContext") or {}
    line: dict = {
        "level": "ERROR",
        "timestamp": datetime.fromtimestamp(now_ms / 1000, tz=timezone.utc).isoformat(),
        "message": message,
        "cause": cause,
    }
    if field:
        line["field"] = field
    line.update({
        "status": status,
        "requestId": request_context.get("extendedRequestId"),
        "apiRequestId": request_context.get("requestId"),
        "lambdaRequestId": getattr(context, "aws_request_id", None),
        "xrayTraceId": env.get("_X_AMZN_TRACE_ID"),
    })
    if error is not None:
        line.update({
            "errorName": type(error).__name__,
            "errorMessage": str(error),
            "stack": "".join(traceback.format_exception(type(error), error, error.__traceback__)),
        })
    line["_aws"] = {
        "Timestamp": now_ms,
        "CloudWatchMetrics": [{
            "Namespace": METRICS_NAMESPACE,
            "Dimensions": [["FunctionName"]],
            "Metrics": [{"Name": metric, "Unit": "Count"}],
        }],
    }
    line["FunctionName"] = getattr(context, "function_name", None) or env.get("AWS_LAMBDA_FUNCTION_NAME") or "unknown"
    line[metric] = 1
    return json.dumps(line, default=str)
