/** The parts of an API Gateway REST API proxy event (payload 1.0) the helper reads. */
export interface ProxyEvent {
  readonly headers?: { [name: string]: string | undefined } | null;
  readonly queryStringParameters?: { [name: string]: string | undefined } | null;
  readonly pathParameters?: { [name: string]: string | undefined } | null;
  readonly stageVariables?: { [name: string]: string | undefined } | null;
  readonly requestContext?: {
    /** The id API Gateway generates, the error body's `requestId`. */
    readonly extendedRequestId?: string;
    readonly requestId?: string;
    readonly [key: string]: unknown;
  };
  readonly [key: string]: unknown;
}

/** A Lambda proxy response. */
export interface ProxyResult {
  statusCode: number;
  headers?: { [name: string]: string };
  multiValueHeaders?: { [name: string]: string[] };
  body?: string;
  isBase64Encoded?: boolean;
}

/** The parts of the Lambda context the helper reads. */
export interface LambdaContext {
  readonly awsRequestId?: string;
  readonly functionName?: string;
  getRemainingTimeInMillis?(): number;
  readonly [key: string]: unknown;
}

/** The JSON error body of the contract (its schema is error-body.schema.json). */
export interface ErrorBody {
  readonly message: string;
  readonly type: string;
  readonly status: number | null;
  readonly retryable: boolean;
  readonly requestId: string;
}

/** Environment variables, as `process.env` holds them. */
export type Environment = { [name: string]: string | undefined };
