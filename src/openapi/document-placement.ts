import { Stack, Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import {
  cloudFormationExpressions, documentTooLargeError, expressionsReason, fitsInline, functionStageVariable, stageVariableUri, writeDocumentFile,
} from './document-size';
import { SpecApiPlan } from './spec-plan';

/**
 * Where the document goes: inline in the template while it fits under the one size limit; past it,
 * to S3 as plain `SpecRestApi` does, re-planned with integration URIs that need no CloudFormation
 * reference (each function's name from a stage variable the stage sets). Throws, saying what would
 * make it fit, where neither works.
 *
 * @param replan plans the API again with another integration URI per function
 */
export function placeDocument(plan: SpecApiPlan, stack: Stack, replan: (uriOf: (handler: lambda.IFunction) => string) => SpecApiPlan): SpecApiPlan {
  const resolved = stack.resolve(plan.document);
  if (fitsInline(resolved)) {
    return plan;
  }
  if (Token.isUnresolved(stack.region) || Token.isUnresolved(stack.account)) {
    throw new Error(documentTooLargeError(resolved, 'the stack\'s account and region are not known at synth, and the integration URIs need them to name ' +
      'the functions without a reference: give the stack an env ({ account, region })'));
  }
  const variables = new Map<lambda.IFunction, string>();
  const placed = replan((handler) => {
    const variable = functionStageVariable(variables.size);
    variables.set(handler, variable);
    return stageVariableUri(variable, stack.region, stack.account);
  });
  const expressions = cloudFormationExpressions(stack.resolve(placed.document));
  if (expressions.length > 0) {
    throw new Error(documentTooLargeError(resolved, expressionsReason(expressions)));
  }
  const deployOptions = placed.superProps.deployOptions;
  const functionNames = Object.fromEntries([...variables].map(([handler, variable]) => [variable, handler.functionName]));
  return {
    ...placed,
    superProps: {
      ...placed.superProps,
      apiDefinition: apigateway.ApiDefinition.fromAsset(writeDocumentFile(placed.document)),
      deployOptions: {
        ...deployOptions,
        variables: { ...deployOptions?.variables, ...functionNames },
      },
    },
  };
}
