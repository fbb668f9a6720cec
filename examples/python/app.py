#!/usr/bin/env python3
"""The README's Python quick start as a `cdk init`-style app: `cdk synth` runs `python3 app.py` (see cdk.json)."""
import aws_cdk as cdk
from aws_cdk import aws_lambda as lambda_
from constructs import Construct

from resilient_lambda_rest_api import ResilientLambdaRestApi


class OrdersStack(cdk.Stack):
    """A function behind a REST API whose failures reach clients as the documented JSON error."""

    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)
        handler = lambda_.Function(self, "Handler",
            runtime=lambda_.Runtime.NODEJS_22_X,
            handler="index.handler",
            code=lambda_.Code.from_asset("lambda"),
        )
        api = ResilientLambdaRestApi(self, "Api", handler=handler)
        cdk.CfnOutput(self, "ApiUrl", value=api.url)


app = cdk.App()
OrdersStack(app, "OrdersApi")
app.synth()
