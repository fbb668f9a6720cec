import { CheckResult, CheckWarning, checkStatusCode } from '../checks';
import { DEFAULT_UNMATCHED_STATUS, LambdaErrorMapping, SUCCESS_STATUS } from './error-mappings';

/**
 * Messages that tell a catch-all pattern from a specific one: a pattern that matches all of them
 * matches any error.
 */
const CATCH_ALL_PROBES = [
  'x',
  'Internal error 42',
  '[Probe] something else',
  '{"errorType":"Other","message":"probe"}',
  '2026-11-23T00:00:00.000Z 0a1b2c3d Task timed out after 3.00 seconds',
];

/** Whether a pattern (valid in JavaScript) matches the whole text, as Java's `String.matches` does. */
export function matchesWhole(pattern: string, text: string): boolean {
  return new RegExp(`^(?:${pattern})$`).test(text);
}

/**
 * Checks error mappings. Pure: the construct throws the errors and turns the warnings into
 * annotations. Patterns are checked with JavaScript's RegExp, since Java is not at hand at synth
 * time; use the syntax both share.
 */
export function checkErrorMappings(mappings: LambdaErrorMapping[], unmatchedStatus: string = DEFAULT_UNMATCHED_STATUS): CheckResult {
  const errors: string[] = [];
  const warnings: CheckWarning[] = [];
  const unmatchedError = checkStatusCode('unmatchedStatus', unmatchedStatus);
  if (unmatchedError) {
    errors.push(unmatchedError);
  }
  const catchAlls: number[] = [];
  mappings.forEach((m, i) => {
    const property = `errorMappings[${i}]`;
    const statusError = checkStatusCode(`${property}.statusCode`, m.statusCode);
    if (statusError) {
      errors.push(statusError);
    } else if (m.statusCode === SUCCESS_STATUS || m.statusCode === unmatchedStatus) {
      errors.push(`${property}.statusCode ${m.statusCode} is taken by ${m.statusCode === SUCCESS_STATUS ? 'successful results' : 'unmatched function errors'}; ` +
        `API Gateway keeps one integration response per status code, so use another status (not ${SUCCESS_STATUS} or ${unmatchedStatus})`);
    }
    const sameStatus = mappings.findIndex((other) => other.statusCode === m.statusCode);
    if (sameStatus < i) {
      errors.push(`${property}.statusCode ${m.statusCode} is also the status of errorMappings[${sameStatus}]; API Gateway keeps one integration response ` +
        'per status code, so give each mapping its own status or combine the two into one pattern (a|b)');
    }
    const samePattern = mappings.findIndex((other) => other.selectionPattern === m.selectionPattern);
    if (samePattern < i) {
      errors.push(`${property}.selectionPattern '${m.selectionPattern}' is also the pattern of errorMappings[${samePattern}]; give each mapping its own pattern`);
    }
    if (m.selectionPattern === '') {
      errors.push(`${property}.selectionPattern is empty, which would make it the response of successful results; give a regular expression`);
      return;
    }
    try {
      new RegExp(m.selectionPattern);
    } catch (e) {
      errors.push(`${property}.selectionPattern '${m.selectionPattern}' is not a valid regular expression (${(e as Error).message}). API Gateway uses Java ` +
        'regular expressions and this check uses JavaScript\'s: use the syntax both share (no inline flags like (?s), possessive quantifiers, \\A or \\z)');
      return;
    }
    if (CATCH_ALL_PROBES.every((probe) => matchesWhole(m.selectionPattern, probe))) {
      catchAlls.push(i);
    }
    if (matchesWhole(m.selectionPattern, '')) {
      warnings.push({
        id: 'errorMappingMatchesEmptyMessage',
        message: `${property}.selectionPattern '${m.selectionPattern}' matches an empty message. AWS's docs suggest a successful result is matched as an ` +
          `empty string, so successful results might come back as ${m.statusCode}. Require at least one character (for example + instead of *).`,
      });
    }
  });
  if (mappings.length > 1) {
    for (const i of catchAlls) {
      warnings.push({
        id: 'catchAllErrorMapping',
        message: `errorMappings[${i}].selectionPattern '${mappings[i].selectionPattern}' matches any error message, and API Gateway does not define the order ` +
          'in which it tries patterns: errors meant for the other mappings may get this one. Make it specific, or drop it: errors that no mapping ' +
          `matches already get ${unmatchedStatus}.`,
      });
    }
  }
  return { errors, warnings };
}
