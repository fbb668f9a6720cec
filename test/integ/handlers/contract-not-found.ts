// A lab route's handler on the Node handler helper: it answers a 404 of its own in the contract's shape.
import { ContractError, withContract } from '../../../handlers/node/src';

export const handler = withContract(async (event) => {
  throw new ContractError(404, `No order at ${String(event.path)}`);
});
