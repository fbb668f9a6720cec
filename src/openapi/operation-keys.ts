import { ApiOperation } from './api-document';

/** The catch-all method of API Gateway, written `ANY` in a route. */
const ANY_METHOD = 'x-amazon-apigateway-any-method';

/** How many items a list in an error message shows before "and N more". */
export const MAX_LISTED = 10;

/**
 * The route of an operation as an `integrations` key: the method in upper case and the path
 * exactly as the document writes it (`GET /pets/{petId}`, `ANY /{proxy+}`).
 */
export function routeKey(op: ApiOperation): string {
  return `${op.method === ANY_METHOD ? 'ANY' : op.method.toUpperCase()} ${op.path}`;
}

/** How an operation is named in the messages: its route, and its operationId where it has one. */
export function describeOperation(op: ApiOperation): string {
  const id = op.operation.operationId;
  return typeof id === 'string' ? `${routeKey(op)} (operationId '${id}')` : routeKey(op);
}

/** A list for a message: at most `max` items, then "and N more". */
export function listForMessage(items: string[], max: number = MAX_LISTED): string {
  if (items.length <= max) {
    return items.join(', ');
  }
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** The Levenshtein distance between two strings (insertions, deletions and substitutions). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** The candidates nearest to a key, nearest first (ties in the candidates' order), case ignored. */
export function nearest(key: string, candidates: string[], count: number = 3): string[] {
  const wanted = key.toLowerCase();
  return candidates
    .map((candidate, index) => ({ candidate, index, distance: editDistance(wanted, candidate.toLowerCase()) }))
    .sort((a, b) => a.distance - b.distance || a.index - b.index)
    .slice(0, count)
    .map((c) => c.candidate);
}

/** Whether a candidate is close enough to a key to be what the user meant (a typo, the case of a method). */
export function isLikelyTypo(key: string, candidate: string): boolean {
  return editDistance(key.toLowerCase(), candidate.toLowerCase()) <= Math.max(2, Math.floor(key.length / 4));
}

/**
 * The error for `integrations` keys that match no operation: each (at most 10) with a suggestion
 * where one is close, else the nearest operationIds and routes.
 */
export function unknownKeysError(keys: string[], candidates: string[]): string | undefined {
  if (keys.length === 0) {
    return undefined;
  }
  const described = keys.slice(0, MAX_LISTED).map((key) => {
    const near = nearest(key, candidates);
    if (near.length === 0) {
      return `'${key}' (the document has no operations)`;
    }
    return isLikelyTypo(key, near[0])
      ? `'${key}' (did you mean '${near[0]}'?)`
      : `'${key}' (nearest: ${near.map((n) => `'${n}'`).join(', ')})`;
  });
  const more = keys.length > MAX_LISTED ? ` and ${keys.length - MAX_LISTED} more` : '';
  return `integrations has ${keys.length === 1 ? 'a key' : `${keys.length} keys`} matching no operationId and no 'METHOD /path' of the document: ` +
    `${described.join(', ')}${more}. Keys are an operationId or the method in upper case and the path exactly as the document writes it ('GET /pets/{petId}', 'ANY /{proxy+}')`;
}
