import { InjectionContext, IPropertyInjector, PropertyInjectors } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { Construct, IConstruct } from 'constructs';

/** The property injection id of `ResilientLambdaRestApi`. */
export const RESILIENT_LAMBDA_REST_API_INJECTION_ID = 'resilient-lambda-rest-api.ResilientLambdaRestApi';

/**
 * The injection ids of the base classes, in the order aws-cdk-lib applies them inside their
 * constructors: the subclass's first.
 */
export const BASE_INJECTION_IDS = [apigateway.LambdaRestApi.PROPERTY_INJECTION_ID, apigateway.RestApi.PROPERTY_INJECTION_ID];

/** The injector registered for an id on the scope or its nearest ancestor that has one, as aws-cdk-lib finds it. */
export function findInjector(scope: IConstruct, uniqueId: string): IPropertyInjector | undefined {
  for (let c: IConstruct | undefined = scope; c; c = c.node.scope) {
    const injector = PropertyInjectors.hasPropertyInjectors(c) ? PropertyInjectors.of(c).for(uniqueId) : undefined;
    if (injector) {
      return injector;
    }
  }
  return undefined;
}

/** The props after the injectors registered for the ids, applied in order. */
export function applyInjectors<T>(uniqueIds: string[], props: T, context: InjectionContext): T {
  return uniqueIds.reduce((current, uniqueId) => findInjector(context.scope, uniqueId)?.inject(current, context) ?? current, props);
}

/** How deep values are compared: props are shallow, and constructs compare by identity. */
const MAX_COMPARE_DEPTH = 8;

/**
 * Whether two prop values are the same: plain data by content, constructs by identity, other
 * objects (durations, enums-like classes) by their own fields.
 */
export function samePropValue(a: unknown, b: unknown, depth = 0): boolean {
  if (a === b) {
    return true;
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || depth >= MAX_COMPARE_DEPTH) {
    return false;
  }
  if (Construct.isConstruct(a) || Construct.isConstruct(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) {
    return false;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => samePropValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], depth + 1));
}

/**
 * The errors for base-class injectors that would change the planned props: aws-cdk-lib applies
 * them a second time inside the `LambdaRestApi` and `RestApi` constructors, on what the construct
 * planned from their first result, so they must give the same props again.
 */
export function checkSecondInjection(planned: object, context: InjectionContext): string[] {
  const errors: string[] = [];
  let current: object = planned;
  for (const uniqueId of BASE_INJECTION_IDS) {
    const injector = findInjector(context.scope, uniqueId);
    if (!injector) {
      continue;
    }
    const next = injector.inject(current, context);
    const keys = new Set([...Object.keys(current), ...Object.keys(next)]);
    const changed = [...keys].filter((key) => !samePropValue((current as Record<string, unknown>)[key], next[key]));
    if (changed.length > 0) {
      errors.push(
        `the property injector for ${uniqueId} changes ${changed.join(', ')} of the props planned from its own result. aws-cdk-lib applies it ` +
          'again inside the base class constructor, so it must give the same props twice: keep the values already set (`{ ...defaults, ...props }`), ' +
          'or register it for ResilientLambdaRestApi.PROPERTY_INJECTION_ID instead, which is applied once',
      );
    }
    current = next;
  }
  return errors;
}
