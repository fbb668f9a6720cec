import * as cdk from 'aws-cdk-lib';
import { Duration } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { InvokePermissionScope, LambdaErrorMapping, ResilientLambdaRestApi } from '../src';
import { newHandler } from './util';

/** The default stack: a function behind the construct with no options. */
export function buildDefaultStack(stack: cdk.Stack): ResilientLambdaRestApi {
  return new ResilientLambdaRestApi(stack, 'Api', { handler: newHandler(stack) });
}

/** A stack that turns on every option the construct has. */
export function buildFullyConfiguredStack(stack: cdk.Stack): ResilientLambdaRestApi {
  const handler = newHandler(stack, 'Handler', { timeout: Duration.seconds(10), reservedConcurrentExecutions: 50 });
  const key = new kms.Key(stack, 'LogKey', { enableKeyRotation: true });
  key.grantEncryptDecrypt(new cdk.aws_iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`));
  const topic = new sns.Topic(stack, 'OnCall', { enforceSSL: true, masterKey: key });
  const api = new ResilientLambdaRestApi(stack, 'Api', {
    handler,
    proxy: false,
    restApiName: 'orders',
    integrationOptions: { proxy: false, timeout: Duration.seconds(12), allowTestInvoke: false },
    errorMappings: [LambdaErrorMapping.prefix('NotFound', '404'), LambdaErrorMapping.jsonField('errorType', 'Conflict', '409')],
    errorResponses: [{ type: apigateway.ResponseType.INTEGRATION_TIMEOUT, statusCode: '503', message: 'Busy, retry shortly' }],
    throttledRetryAfter: Duration.seconds(2),
    defaultCorsPreflightOptions: { allowOrigins: ['https://app.example'], allowCredentials: true },
    deployOptions: { stageName: 'live', throttlingRateLimit: 200, throttlingBurstLimit: 50 },
    invokePermissionScope: InvokePermissionScope.DEPLOYMENT_STAGE,
    cloudWatchRole: true,
    logRetention: logs.RetentionDays.THREE_MONTHS,
    logEncryptionKey: key,
    monitoring: { dashboard: true, alarmActions: [new actions.SnsAction(topic)], okActions: [new actions.SnsAction(topic)] },
  });
  const orders = api.root.addResource('orders');
  orders.addMethod('GET');
  orders.addMethod('POST');
  orders.addResource('{id}').addMethod('DELETE');
  return api;
}
