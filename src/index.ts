export { ResilientLambdaRestApi } from './resilient-lambda-rest-api';
export type { ResilientLambdaRestApiProps } from './resilient-lambda-rest-api';
export type { ErrorResponseOverride } from './error-responses';
export { InvokePermissionScope } from './permissions';
export { ErrorContract } from './failure-modes';
export type { ClientResponse, FailureMode } from './failure-modes';
export { LambdaErrorMapping } from './error-mappings';
export type { LambdaErrorMappingOptions } from './error-mappings';
