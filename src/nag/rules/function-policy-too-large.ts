import { FUNCTION_POLICY_LIMIT_BYTES } from '../../policy-size';
import { estimatedPolicyOf, ONE_PERMISSION_FIX } from '../function-policy';
import { ResilienceRule } from '../rule';

/** A function's resource-based policy above Lambda's 20 KB cap: the deploy fails. */
export const FunctionPolicyTooLarge: ResilienceRule = {
  id: 'FunctionPolicyTooLarge',
  level: 'Error',
  trap: `The function's resource-based policy is estimated above Lambda's ${FUNCTION_POLICY_LIMIT_BYTES} bytes: the deploy fails ("The final policy size ... is bigger than the limit"), at about 25 to 30 methods with two permissions each.`,
  fix: ONE_PERMISSION_FIX,
  check: (logicalId, resource, index) => {
    const policy = estimatedPolicyOf(logicalId, resource, index);
    return policy && policy.bytes > FUNCTION_POLICY_LIMIT_BYTES
      ? [`${policy.permissions} permissions, about ${policy.bytes} bytes of ${FUNCTION_POLICY_LIMIT_BYTES}`]
      : [];
  },
};
