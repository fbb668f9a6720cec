import { FUNCTION_POLICY_LIMIT_BYTES, POLICY_SIZE_WARNING_FRACTION } from '../../policy-size';
import { estimatedPolicyOf, ONE_PERMISSION_FIX } from '../function-policy';
import { ResilienceRule } from '../rule';

/** A function's resource-based policy past 80% of Lambda's cap: a few more methods break the deploy. */
export const FunctionPolicyNearLimit: ResilienceRule = {
  id: 'FunctionPolicyNearLimit',
  level: 'Warning',
  trap: `The function's resource-based policy is estimated above ${POLICY_SIZE_WARNING_FRACTION * 100}% of Lambda's ${FUNCTION_POLICY_LIMIT_BYTES} bytes: a few more methods and the deploy fails.`,
  fix: ONE_PERMISSION_FIX,
  check: (logicalId, resource, index) => {
    const policy = estimatedPolicyOf(logicalId, resource, index);
    return policy && policy.bytes > FUNCTION_POLICY_LIMIT_BYTES * POLICY_SIZE_WARNING_FRACTION && policy.bytes <= FUNCTION_POLICY_LIMIT_BYTES
      ? [`${policy.permissions} permissions, about ${policy.bytes} bytes of ${FUNCTION_POLICY_LIMIT_BYTES}`]
      : [];
  },
};
