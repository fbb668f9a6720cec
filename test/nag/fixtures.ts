// Small hand-written templates for the rule tests: each builder returns one resource as the
// template holds it, so a test reads like the template it checks.
import { auditTemplate } from '../../src/audit/audit';
import { ResilienceRule } from '../../src/nag/rule';
import { CfnResourceJson, CfnTemplate } from '../../src/nag/template';

type Resources = { [logicalId: string]: CfnResourceJson };

/** A template from resources. */
export function template(...parts: Resources[]): CfnTemplate {
  return { Resources: Object.assign({}, ...parts) };
}

/** What one rule finds in a template, as `logicalId: detail`. */
export function findings(rule: ResilienceRule, t: CfnTemplate, stackName?: string): string[] {
  return auditTemplate(t, stackName, [rule]).map((f) => `${f.logicalId}: ${f.detail}`);
}

export function restApi(props: any = {}, id = 'Api'): Resources {
  return { [id]: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'orders', ...props } } };
}

export function lambdaFunction(props: any = {}, id = 'Fn'): Resources {
  return { [id]: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs22.x', Handler: 'index.handler', ...props } } };
}

/** The integration URI aws-cdk-lib writes for a function of the template. */
export function lambdaUri(fnId = 'Fn'): any {
  return {
    'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':apigateway:', { Ref: 'AWS::Region' }, ':lambda:path/2015-03-31/functions/', { 'Fn::GetAtt': [fnId, 'Arn'] }, '/invocations']],
  };
}

export function method(integration: any, props: any = {}, id = 'Method', apiId = 'Api'): Resources {
  return {
    [id]: {
      Type: 'AWS::ApiGateway::Method',
      Properties: { RestApiId: { Ref: apiId }, ResourceId: 'abc', HttpMethod: 'GET', AuthorizationType: 'NONE', Integration: integration, ...props },
    },
  };
}

export function lambdaMethod(integration: any = {}, props: any = {}, id = 'Method', fnId = 'Fn'): Resources {
  return method({ Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST', Uri: lambdaUri(fnId), ...integration }, props, id);
}

/** An API Gateway resource (a path part) under the root, or under the parent given. */
export function apiResource(pathPart: string, id = 'Orders', parent: any = { 'Fn::GetAtt': ['Api', 'RootResourceId'] }): Resources {
  return { [id]: { Type: 'AWS::ApiGateway::Resource', Properties: { RestApiId: { Ref: 'Api' }, ParentId: parent, PathPart: pathPart } } };
}

export function stage(props: any = {}, id = 'Stage', apiId = 'Api'): Resources {
  return { [id]: { Type: 'AWS::ApiGateway::Stage', Properties: { RestApiId: { Ref: apiId }, DeploymentId: 'd', StageName: 'prod', ...props } } };
}

export function gatewayResponse(responseType: string, props: any = {}, id = `Response${responseType}`): Resources {
  return { [id]: { Type: 'AWS::ApiGateway::GatewayResponse', Properties: { RestApiId: { Ref: 'Api' }, ResponseType: responseType, ...props } } };
}

/** An invoke permission on a function, for a source ARN path after the API id (`/prod/*\/*`). */
export function permission(sourcePath: string | undefined, id = 'Permission', fnId = 'Fn', apiId = 'Api'): Resources {
  const sourceArn = sourcePath === undefined ? undefined : {
    'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':execute-api:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':', { Ref: apiId }, sourcePath]],
  };
  return {
    [id]: {
      Type: 'AWS::Lambda::Permission',
      Properties: { Action: 'lambda:InvokeFunction', FunctionName: { 'Fn::GetAtt': [fnId, 'Arn'] }, Principal: 'apigateway.amazonaws.com', SourceArn: sourceArn },
    },
  };
}

export function alarm(metricName: string, dimensions: { [name: string]: any }, id = 'Alarm'): Resources {
  return {
    [id]: {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: {
        Namespace: 'AWS/ApiGateway',
        MetricName: metricName,
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanThreshold',
        Dimensions: Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value })),
      },
    },
  };
}

/** A SpecRestApi's RestApi: the OpenAPI body inline. */
export function specRestApi(body: any, id = 'Api'): Resources {
  return { [id]: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'spec', Body: { openapi: '3.0.1', info: { title: 'spec', version: '1' }, ...body } } } };
}
