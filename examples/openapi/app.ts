// An API defined by an OpenAPI document in YAML: the construct binds each operation to its
// function, writes the error contract into the document and grants each function once.
import * as path from 'path';
import * as cdk from 'aws-cdk-lib';
import { Duration } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import { ResilientSpecRestApi } from '../../src';

const app = new cdk.App();
const stack = new cdk.Stack(app, 'ResilientSpecApiExample');

// The handler uses the handler helper, which NodejsFunction's esbuild bundles in (a few KB).
const orders = new nodejs.NodejsFunction(stack, 'Orders', {
  runtime: lambda.Runtime.NODEJS_22_X,
  entry: path.join(__dirname, 'handler', 'index.ts'),
  bundling: { minify: true },
  timeout: Duration.seconds(5),
});

const api = new ResilientSpecRestApi(stack, 'Api', {
  apiDefinition: apigateway.ApiDefinition.fromAsset(path.join(__dirname, 'api.yaml')),
  integrations: { listOrders: orders, createOrder: orders, getOrder: orders },
  integrationTimeout: Duration.seconds(10),
  errorCorsOptions: { allowOrigins: ['https://example.com'] },
  // A fresh account has no API Gateway CloudWatch Logs role yet; in your own apps create it in one stack only.
  cloudWatchRole: true,
});

new cdk.CfnOutput(stack, 'ApiUrl', { value: api.url });
