/** What is wrong with a proxy response: the field at fault and why. */
export interface MalformedField {
  /** The field, for example `statusCode`, `headers.X-Count` or `body`; `response` for the whole. */
  readonly field: string;
  /** Why API Gateway would refuse it. */
  readonly problem: string;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `the string ${JSON.stringify(value.slice(0, 40))}` : `${typeof value} ${JSON.stringify(value)?.slice(0, 40)}`;
}

function isPlainObject(value: unknown): value is { [key: string]: unknown } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function statusFault(status: unknown): MalformedField | undefined {
  // API Gateway takes "201" as 201 (recorded against AWS); anything else that is not an integer is malformed.
  const n = typeof status === 'string' && /^\d+$/.test(status) ? Number(status) : status;
  if (status === undefined || (typeof n === 'number' && Number.isInteger(n) && n >= 100 && n <= 599)) {
    return undefined;
  }
  return { field: 'statusCode', problem: `must be an integer from 100 to 599, got ${describe(status)}` };
}

function headerFaults(result: { [key: string]: unknown }): MalformedField | undefined {
  for (const key of ['headers', 'multiValueHeaders']) {
    const headers = result[key];
    if (headers === undefined || headers === null) continue;
    if (!isPlainObject(headers)) {
      return { field: key, problem: `must be an object, got ${describe(headers)}` };
    }
    for (const [name, value] of Object.entries(headers)) {
      if (key === 'headers' && typeof value !== 'string') {
        return { field: `headers.${name}`, problem: `must be a string, got ${describe(value)}` };
      }
      if (key === 'multiValueHeaders' && (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))) {
        return { field: `multiValueHeaders.${name}`, problem: `must be an array of strings, got ${describe(value)}` };
      }
    }
  }
  return undefined;
}

/**
 * The first thing that makes API Gateway refuse a proxy response (its 502 "Malformed Lambda proxy
 * response"), or undefined for a well-formed one. `{}` is well-formed: API Gateway answers 200.
 */
export function findMalformedField(result: unknown): MalformedField | undefined {
  if (!isPlainObject(result)) {
    return { field: 'response', problem: `must be an object with statusCode, headers and body, got ${describe(result)}` };
  }
  const body = result.body;
  if (body !== undefined && body !== null && typeof body !== 'string') {
    return { field: 'body', problem: `must be a string (JSON.stringify it), got ${describe(body)}` };
  }
  if (result.isBase64Encoded !== undefined && typeof result.isBase64Encoded !== 'boolean') {
    return { field: 'isBase64Encoded', problem: `must be a boolean, got ${describe(result.isBase64Encoded)}` };
  }
  return statusFault(result.statusCode) ?? headerFaults(result);
}
