import { Token } from 'aws-cdk-lib';
import { ApiOperation, INTEGRATION_EXTENSION, operationLocation } from './api-document';

/** An operation's own integration, as the checks see it. */
export interface OwnIntegration {
  /** Where it is in the document, for the messages. */
  readonly location: string;
  /** Its timeout in milliseconds, API Gateway's default where it sets none. */
  readonly timeoutMs: number;
  /** Whether it calls a Lambda function. */
  readonly lambda: boolean;
  /** The function's ARN, where it is a literal this construct can grant invoke on. */
  readonly functionArn?: string;
}

const LAMBDA_URI = /:lambda:path\/2015-03-31\/functions\/(.+)\/invocations$/;

/** An operation's own integration as the checks see it, from its extension object. */
export function readOwnIntegration(op: ApiOperation, integration: any): OwnIntegration {
  const type = String(integration?.type ?? '').toLowerCase();
  const uri = integration?.uri;
  const match = typeof uri === 'string' && !Token.isUnresolved(uri) ? LAMBDA_URI.exec(uri) : null;
  // AWS_PROXY is the Lambda proxy integration only; an AWS integration calls Lambda by its URI.
  const isLambda = type === 'aws_proxy' || (type === 'aws' && typeof uri === 'string' && uri.includes(':lambda:path/'));
  const arn = match?.[1];
  return {
    location: `${operationLocation(op)}['${INTEGRATION_EXTENSION}']`,
    timeoutMs: typeof integration?.timeoutInMillis === 'number' ? integration.timeoutInMillis : 29_000,
    lambda: isLambda,
    // A stage variable names the function only at run time: nothing to grant at synth.
    functionArn: arn && !arn.includes('${') ? arn : undefined,
  };
}

