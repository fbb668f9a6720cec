export * from './resilient-lambda-rest-api';
