export * from './constants';
export * from './types';
export { ContractError, contractHeaders, errorBody, errorResponse, ErrorResponseOptions, mappingValue } from './response';
export { findMalformedField, MalformedField } from './validate';
export { deadlineBudgetMs, DeadlineError, DEFAULT_MARGIN_MS, integrationTimeoutMs } from './deadline';
export { errorLogLine, ContractCause, ErrorLogDetails, LineWriter } from './log';
export { answerError, checkedResult, contractMiddleware, ContractHandler, ContractOptions, DEADLINE_MESSAGE, FUNCTION_ERROR_MESSAGE, MiddyRequest, withContract } from './wrapper';
