// A lab route's handler on the Node handler helper: it works longer than the integration timeout, so the
// helper answers the contract's 504 before API Gateway would, aborts the signal and logs the deadline (EMF).
import { withContract } from '../../../handlers/node/src';

export const handler = withContract(async (_event, _context, signal) => {
  await new Promise((resolve) => signal.addEventListener('abort', resolve));
  return { statusCode: 200, body: 'too late' };
}, { marginMs: 1000 });
