import type { Property, PropertyType, Resource, SpecDatabase } from '@aws-cdk/service-spec-types';

/** One way a synthesized template breaks the CloudFormation resource specification. */
export interface SchemaFinding {
  /** The logical id of the resource (or output) the finding is about. */
  readonly logicalId: string;
  /** Its CloudFormation type, `Output` for an output. */
  readonly type: string;
  /** Where in it, for example `Properties.MethodSettings[0].LoggingLevel`. */
  readonly path: string;
  readonly message: string;
}

/** The findings of one template, and how much of it was checked. */
export interface SchemaCheck {
  readonly findings: SchemaFinding[];
  /** Resources checked against the spec (custom resources included). */
  readonly resources: number;
  /** Distinct resource types. */
  readonly types: string[];
  /** Properties set directly on resources. */
  readonly properties: number;
  /** Values checked against a spec type, nested ones included. */
  readonly values: number;
  /** Names checked against the template: `Ref`, `Fn::GetAtt`, `Fn::Sub` and `DependsOn`. */
  readonly references: number;
}

interface Counts {
  properties: number;
  values: number;
  references: number;
}

interface CfnTemplate {
  readonly Resources?: Record<string, unknown>;
  readonly Parameters?: Record<string, unknown>;
  readonly Conditions?: Record<string, unknown>;
  readonly Outputs?: Record<string, unknown>;
}

/** What `Ref` may name besides resources and parameters. */
const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition',
  'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix',
]);

/** The keys a resource entry may have next to `Type`. */
const RESOURCE_KEYS = new Set([
  'Type', 'Properties', 'DependsOn', 'Condition', 'Metadata',
  'DeletionPolicy', 'UpdateReplacePolicy', 'UpdatePolicy', 'CreationPolicy',
]);

const DELETION_POLICIES = ['Delete', 'Retain', 'RetainExceptOnCreate', 'Snapshot'];

/** Resource types CloudFormation accepts that the spec does not describe. */
const UNSPECIFIED_TYPES = new Set(['AWS::CDK::Metadata']);

/** The findings of a template, for example `Template.fromStack(stack).toJSON()`. */
export function validateTemplate(template: unknown, db: SpecDatabase): SchemaFinding[] {
  return checkTemplate(template, db).findings;
}

/** Checks a template against the spec: types, properties, value shapes and references. */
export function checkTemplate(template: unknown, db: SpecDatabase): SchemaCheck {
  const t = (isObject(template) ? template : {}) as CfnTemplate;
  const resources = isObject(t.Resources) ? t.Resources : {};
  const scope: RefScope = {
    resources: Object.fromEntries(Object.entries(resources).map(([id, r]) => [id, isObject(r) && typeof r.Type === 'string' ? r.Type : ''])),
    parameters: new Set(Object.keys(isObject(t.Parameters) ? t.Parameters : {})),
    conditions: new Set(Object.keys(isObject(t.Conditions) ? t.Conditions : {})),
    db,
  };
  const findings: SchemaFinding[] = [];
  const counts: Counts = { properties: 0, values: 0, references: 0 };
  const types = new Set<string>();
  for (const [logicalId, entry] of Object.entries(resources)) {
    const type = isObject(entry) && typeof entry.Type === 'string' ? entry.Type : '';
    types.add(type);
    const report = (path: string, message: string) => findings.push({ logicalId, type, path, message });
    if (!isObject(entry)) {
      report('', 'resource is not an object');
      continue;
    }
    checkResourceEntry(entry, logicalId, scope, report, counts);
  }
  for (const [logicalId, output] of Object.entries(isObject(t.Outputs) ? t.Outputs : {})) {
    checkReferences(output, '', scope, counts, (path, message) => findings.push({ logicalId, type: 'Output', path, message }));
  }
  return { findings, resources: Object.keys(resources).length, types: [...types].sort(), ...counts };
}

type Report = (path: string, message: string) => void;

interface RefScope {
  /** Logical id to resource type. */
  readonly resources: Record<string, string>;
  readonly parameters: Set<string>;
  readonly conditions: Set<string>;
  readonly db: SpecDatabase;
}

function checkResourceEntry(
  entry: Record<string, unknown>, logicalId: string, scope: RefScope, report: Report, counts: Counts,
): void {
  for (const key of Object.keys(entry)) {
    if (!RESOURCE_KEYS.has(key)) {
      report(key, `unknown resource attribute '${key}'`);
    }
  }
  checkDependsOn(entry.DependsOn, logicalId, scope, counts, report);
  if (entry.Condition !== undefined && !(typeof entry.Condition === 'string' && scope.conditions.has(entry.Condition))) {
    report('Condition', `condition ${JSON.stringify(entry.Condition)} is not in Conditions`);
  }
  for (const policy of ['DeletionPolicy', 'UpdateReplacePolicy']) {
    const value = entry[policy];
    if (value !== undefined && !(typeof value === 'string' && DELETION_POLICIES.includes(value))) {
      report(policy, `${JSON.stringify(value)} is not one of ${DELETION_POLICIES.join(', ')}`);
    }
  }
  const properties = entry.Properties ?? {};
  if (!isObject(properties)) {
    report('Properties', 'Properties is not an object');
    return;
  }
  checkReferences(properties, 'Properties', scope, counts, report);

  const type = typeof entry.Type === 'string' ? entry.Type : '';
  if (isCustomResource(type)) {
    // A custom resource takes any properties; CloudFormation only needs to know where to send them.
    if (properties.ServiceToken === undefined) {
      report('Properties.ServiceToken', 'required property is missing');
    }
    counts.properties += Object.keys(properties).length;
    return;
  }
  if (UNSPECIFIED_TYPES.has(type)) {
    return;
  }
  const resource = findResource(scope.db, type);
  if (!resource) {
    report('Type', `resource type '${type}' is not in the CloudFormation resource specification`);
    return;
  }
  counts.properties += Object.keys(properties).length;
  const checker = new ValueChecker(scope.db, counts);
  checker.checkProperties(properties, resource.properties, 'Properties', report);
}

function checkDependsOn(dependsOn: unknown, logicalId: string, scope: RefScope, counts: Counts, report: Report): void {
  if (dependsOn === undefined) {
    return;
  }
  const targets = Array.isArray(dependsOn) ? dependsOn : [dependsOn];
  counts.references += targets.length;
  targets.forEach((target, i) => {
    const path = Array.isArray(dependsOn) ? `DependsOn[${i}]` : 'DependsOn';
    if (typeof target !== 'string') {
      report(path, 'DependsOn target is not a logical id');
    } else if (target === logicalId) {
      report(path, 'resource depends on itself');
    } else if (!has(scope.resources, target)) {
      report(path, `DependsOn target '${target}' is not a resource of the template`);
    }
  });
}

/** Checks values against spec types; intrinsics stand for any value of the right type. */
class ValueChecker {
  constructor(private readonly db: SpecDatabase, private readonly counts: { values: number }) {}

  /** Unknown, missing required, and wrongly shaped properties of one object. */
  checkProperties(value: Record<string, unknown>, spec: Record<string, Property>, path: string, report: Report): void {
    for (const [name, property] of Object.entries(spec)) {
      if (property.required && value[name] === undefined) {
        report(`${path}.${name}`, 'required property is missing');
      }
    }
    for (const [name, v] of Object.entries(value)) {
      const property = has(spec, name) ? spec[name] : undefined;
      if (!property) {
        report(`${path}.${name}`, `unknown property '${name}'${suggestion(name, Object.keys(spec))}`);
        continue;
      }
      // Earlier types of a property stay valid: templates written against them still deploy.
      this.checkAnyOf(v, [property.type, ...(property.previousTypes ?? [])], `${path}.${name}`, report);
    }
  }

  /** Passes when the value fits one of the types; otherwise reports how it misses the first. */
  private checkAnyOf(value: unknown, types: PropertyType[], path: string, report: Report): void {
    const attempts = types.map((type) => {
      const found: Array<[string, string]> = [];
      const counts = { values: 0 };
      new ValueChecker(this.db, counts).checkValue(value, type, path, (p, m) => found.push([p, m]));
      return { found, values: counts.values };
    });
    const fit = attempts.find((a) => a.found.length === 0) ?? attempts[0];
    this.counts.values += fit.values;
    fit.found.forEach(([p, m]) => report(p, m));
  }

  checkValue(value: unknown, type: PropertyType, path: string, report: Report): void {
    this.counts.values++;
    if (isIntrinsic(value)) {
      const [fn, args] = Object.entries(value)[0];
      // Both branches of Fn::If end up as the value, so both must fit.
      if (fn === 'Fn::If' && Array.isArray(args) && args.length === 3) {
        [args[1], args[2]].forEach((branch, i) => {
          if (!isNoValue(branch)) {
            this.checkValue(branch, type, `${path}.Fn::If[${i + 1}]`, report);
          }
        });
      }
      return;
    }
    switch (type.type) {
      case 'string':
        if (typeof value !== 'string') {
          report(path, `expected string, got ${describe(value)}`);
        } else if (type.allowedValues && !type.allowedValues.includes(value)) {
          report(path, `'${value}' is not one of ${type.allowedValues.join(', ')}`);
        }
        return;
      case 'date-time':
        return expect(typeof value === 'string', 'string (date-time)');
      case 'number':
        return expect(typeof value === 'number' && Number.isFinite(value), 'number');
      case 'integer':
        if (typeof value !== 'number' || !Number.isInteger(value)) {
          report(path, `expected integer, got ${describe(value)}`);
        } else if (type.allowedValues && !type.allowedValues.includes(value)) {
          report(path, `${value} is not one of ${type.allowedValues.join(', ')}`);
        }
        return;
      case 'boolean':
        return expect(typeof value === 'boolean', 'boolean');
      case 'null':
        return expect(value === null, 'null');
      case 'json':
        return expect(value !== undefined && value !== null, 'JSON value');
      case 'tag':
        if (!isObject(value)) {
          report(path, `expected tag {Key, Value}, got ${describe(value)}`);
          return;
        }
        this.checkProperties(value, TAG_PROPERTIES, path, report);
        return;
      case 'array':
        if (!Array.isArray(value)) {
          report(path, `expected list, got ${describe(value)}`);
          return;
        }
        value.forEach((element, i) => this.checkValue(element, type.element, `${path}[${i}]`, report));
        return;
      case 'map':
        if (!isObject(value)) {
          report(path, `expected map, got ${describe(value)}`);
          return;
        }
        Object.entries(value).forEach(([key, element]) => this.checkValue(element, type.element, `${path}.${key}`, report));
        return;
      case 'ref': {
        const definition = this.db.get('typeDefinition', type.reference);
        if (!isObject(value)) {
          report(path, `expected ${definition.name} object, got ${describe(value)}`);
          return;
        }
        this.checkProperties(value, definition.properties, path, report);
        return;
      }
      case 'union':
        this.counts.values--;
        this.checkAnyOf(value, type.types, path, report);
        return;
    }

    function expect(ok: boolean, expected: string): void {
      if (!ok) {
        report(path, `expected ${expected}, got ${describe(value)}`);
      }
    }
  }
}

const TAG_PROPERTIES: Record<string, Property> = {
  Key: { type: { type: 'string' }, required: true },
  Value: { type: { type: 'string' }, required: true },
};

/** Reports `Ref`, `Fn::GetAtt`, `Fn::Sub` and `Fn::If` names that the template does not define. */
function checkReferences(value: unknown, path: string, scope: RefScope, counts: Counts, report: Report): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => checkReferences(v, `${path}[${i}]`, scope, counts, report));
    return;
  }
  if (!isObject(value)) {
    return;
  }
  if (isIntrinsic(value)) {
    const [fn, args] = Object.entries(value)[0];
    const at = path ? `${path}.${fn}` : fn;
    if (fn === 'Ref') {
      counts.references++;
      checkRef(args, at, scope, report);
    } else if (fn === 'Fn::GetAtt') {
      counts.references++;
      const [target, attribute] = Array.isArray(args) ? args : typeof args === 'string' ? splitOnce(args) : [];
      checkGetAtt(target, attribute, at, scope, report);
    } else if (fn === 'Fn::Sub') {
      const [text, variables] = Array.isArray(args) ? args : [args, {}];
      const locals = new Set(Object.keys(isObject(variables) ? variables : {}));
      for (const name of typeof text === 'string' ? subVariables(text) : []) {
        if (locals.has(name)) {
          continue;
        }
        counts.references++;
        if (name.includes('.') && !PSEUDO_PARAMETERS.has(name)) {
          checkGetAtt(...splitOnce(name), at, scope, report);
        } else {
          checkRef(name, at, scope, report);
        }
      }
    } else if (fn === 'Fn::If' && Array.isArray(args) && !(typeof args[0] === 'string' && scope.conditions.has(args[0]))) {
      report(`${at}[0]`, `condition ${JSON.stringify(args[0])} is not in Conditions`);
    }
  }
  for (const [key, v] of Object.entries(value)) {
    checkReferences(v, path ? `${path}.${key}` : key, scope, counts, report);
  }
}

function checkRef(name: unknown, path: string, scope: RefScope, report: Report): void {
  if (typeof name !== 'string' || !(has(scope.resources, name) || scope.parameters.has(name) || PSEUDO_PARAMETERS.has(name))) {
    report(path, `Ref target ${JSON.stringify(name)} is not a resource, parameter or pseudo parameter`);
  }
}

function checkGetAtt(target: unknown, attribute: unknown, path: string, scope: RefScope, report: Report): void {
  if (typeof target !== 'string' || !has(scope.resources, target)) {
    report(path, `GetAtt target ${JSON.stringify(target)} is not a resource of the template`);
    return;
  }
  if (typeof attribute !== 'string') {
    return; // computed attribute name: nothing to check statically
  }
  const type = scope.resources[target];
  if (isCustomResource(type) || UNSPECIFIED_TYPES.has(type) || (type === 'AWS::CloudFormation::Stack' && attribute.startsWith('Outputs.'))) {
    return;
  }
  const resource = findResource(scope.db, type);
  if (resource && !has(resource.attributes, attribute)) {
    const known = Object.keys(resource.attributes);
    report(path, `'${target}' (${type}) has no attribute '${attribute}'; it has ${known.length ? known.join(', ') : 'none'}`);
  }
}

function findResource(db: SpecDatabase, type: string): Resource | undefined {
  return db.lookup('resource', 'cloudFormationType', 'equals', type)[0];
}

function isCustomResource(type: string): boolean {
  return type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource';
}

/** An own key, so that `constructor` or `toString` never pass for a name. */
function has(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{ Ref }` or `{ Fn::* }`: a value CloudFormation computes at deploy time. */
function isIntrinsic(value: unknown): value is Record<string, unknown> {
  if (!isObject(value)) {
    return false;
  }
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

function isNoValue(value: unknown): boolean {
  return isObject(value) && value.Ref === 'AWS::NoValue';
}

/** The `${Name}` and `${Resource.Attribute}` names of an `Fn::Sub` string; `${!Literal}` is text. */
export function subVariables(text: string): string[] {
  return [...text.matchAll(/\$\{([^}!][^}]*)\}/g)].map((m) => m[1].trim());
}

function splitOnce(text: string): [string, string] {
  const dot = text.indexOf('.');
  return dot < 0 ? [text, ''] : [text.slice(0, dot), text.slice(dot + 1)];
}

function describe(value: unknown): string {
  if (Array.isArray(value)) {
    return 'list';
  }
  if (value === null) {
    return 'null';
  }
  return isObject(value) ? 'object' : `${typeof value} ${JSON.stringify(value)}`;
}

/** ` (did you mean 'X'?)` where a known name differs only in case. */
function suggestion(name: string, known: string[]): string {
  const match = known.find((k) => k.toLowerCase() === name.toLowerCase());
  return match ? ` (did you mean '${match}'?)` : '';
}
