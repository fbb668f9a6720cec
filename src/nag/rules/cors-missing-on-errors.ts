import { FALLBACK_RESPONSE_TYPES } from '../../contract/error-responses';
import { gatewayResponsesOfApi, methodsOfApi } from '../rest-api';
import { ResilienceRule } from '../rule';

const ALLOW_ORIGIN = 'access-control-allow-origin';

/** An API that answers CORS preflights but whose error responses carry no `Access-Control-Allow-Origin`. */
export const CorsMissingOnErrors: ResilienceRule = {
  id: 'CorsMissingOnErrors',
  level: 'Warning',
  trap: 'The API answers CORS preflights, but its gateway error responses carry no Access-Control-Allow-Origin: browsers report a CORS failure instead of the real status (a 504 or 429 looks like a network error).',
  fix: 'Add Access-Control-Allow-Origin (and Vary: Origin where origins are listed) to DEFAULT_4XX, DEFAULT_5XX and every gateway response you customise.',
  check: (logicalId, resource, index) => {
    if (resource.Type !== 'AWS::ApiGateway::RestApi') {
      return [];
    }
    const preflight = methodsOfApi(index, logicalId).some((m) => m.httpMethod === 'OPTIONS' && m.responseHeaders.includes(ALLOW_ORIGIN));
    if (!preflight) {
      return [];
    }
    const responses = new Map(gatewayResponsesOfApi(index, logicalId).map((r) => [r.responseType, r]));
    const answering = [...new Set([...FALLBACK_RESPONSE_TYPES, ...responses.keys()])];
    const missing = answering.filter((type) => !Object.keys(responses.get(type)?.headers ?? {}).some((h) => h.toLowerCase() === ALLOW_ORIGIN));
    return missing.length > 0 ? [`no Access-Control-Allow-Origin on ${missing.join(', ')}`] : [];
  },
};
