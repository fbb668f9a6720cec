import { CfnResource, Stack } from 'aws-cdk-lib';

/** One resource as the template holds it: its type and resolved properties. */
export interface ResolvedResource {
  readonly Type: string;
  readonly Properties?: any;
  readonly Metadata?: any;
  readonly DependsOn?: any;
}

/**
 * The resources of one stack as the synthesized template will hold them, resolved, read from the
 * construct tree at synth (for the rule pack and the construct's own policy-size check). A resource
 * that cannot be resolved yet is left out: checks skip what they cannot see.
 *
 * @param types only resources of these types, where a check reads no others (resolving is the costly part)
 */
export function stackResources(stack: Stack, types?: string[]): { [logicalId: string]: ResolvedResource } {
  const resources: { [logicalId: string]: ResolvedResource } = {};
  for (const construct of stack.node.findAll()) {
    if (CfnResource.isCfnResource(construct) && Stack.of(construct) === stack && (!types || types.includes(construct.cfnResourceType))) {
      try {
        Object.assign(resources, stack.resolve(construct._toCloudFormation()).Resources ?? {});
      } catch {
        // Unresolvable until synthesis completes: nothing to check yet.
      }
    }
  }
  return resources;
}
