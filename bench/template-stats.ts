import { FunctionPolicy, functionPolicies } from '../src/policy-size';

/** What a synthesized stack costs, read from its template. */
export interface TemplateStats {
  /** CloudFormation resources in the stack. */
  readonly resources: number;
  /** Resources by type. */
  readonly resourceTypes: Record<string, number>;
  /** `AWS::Lambda::Permission` resources in the stack. */
  readonly permissions: number;
  /** Each function's estimated resource-based policy, largest first. */
  readonly policies: FunctionPolicy[];
  /** The template's size in bytes, as CDK writes it to the cloud assembly (and uploads it). */
  readonly templateBytes: number;
}

/** Counts the resources and estimates the function policies of a template. */
export function templateStats(template: any, stackName: string, templateBytes: number): TemplateStats {
  const resourceTypes: Record<string, number> = {};
  for (const resource of Object.values<any>(template.Resources)) {
    resourceTypes[resource.Type] = (resourceTypes[resource.Type] ?? 0) + 1;
  }
  return {
    resources: Object.keys(template.Resources).length,
    resourceTypes,
    permissions: resourceTypes['AWS::Lambda::Permission'] ?? 0,
    policies: functionPolicies(template, stackName).sort((a, b) => b.bytes - a.bytes),
    templateBytes,
  };
}
