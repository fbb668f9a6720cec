/**
 * A synthesized CloudFormation template as the rules read it: the JSON in `cdk.out`, or what the
 * pack resolves from a stack's resources. Only `Resources` matters here.
 */
export interface CfnTemplate {
  readonly Resources?: { [logicalId: string]: CfnResourceJson };
}

/** One resource of a template. */
export interface CfnResourceJson {
  readonly Type: string;
  readonly Properties?: any;
  readonly Metadata?: any;
}

/**
 * A template with the lookups the rules share, computed once per template however many
 * resources and rules ask.
 */
export class TemplateIndex {
  private readonly byType = new Map<string, Array<[string, CfnResourceJson]>>();
  private readonly memo = new Map<string, unknown>();

  /**
   * @param template the template
   * @param stackName the stack's name, where known: estimates of generated names use its length
   */
  constructor(public readonly template: CfnTemplate, public readonly stackName: string = 'Stack') {
    for (const [id, resource] of Object.entries(template.Resources ?? {})) {
      const list = this.byType.get(resource?.Type) ?? [];
      list.push([id, resource]);
      this.byType.set(resource?.Type, list);
    }
  }

  /** The resource with this logical id, if the template has it. */
  public resource(logicalId: string): CfnResourceJson | undefined {
    return this.template.Resources?.[logicalId];
  }

  /** Every resource of a type, as [logical id, resource]. */
  public ofType(type: string): Array<[string, CfnResourceJson]> {
    return this.byType.get(type) ?? [];
  }

  /** A value computed once per template and key (the rules' shared derived lookups). */
  public cached<T>(key: string, compute: () => T): T {
    if (!this.memo.has(key)) {
      this.memo.set(key, compute());
    }
    return this.memo.get(key) as T;
  }
}

/** The logical id a `Ref` or `Fn::GetAtt` points at, or undefined for anything else. */
export function referencedId(value: any): string | undefined {
  if (value && typeof value === 'object') {
    if (typeof value.Ref === 'string') {
      return value.Ref;
    }
    const getAtt = value['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') {
      return getAtt[0];
    }
    if (typeof getAtt === 'string') {
      return getAtt.split('.')[0];
    }
  }
  return undefined;
}

/**
 * A value as one string, intrinsics written the way `Fn::Sub` writes them: `{Ref: X}` as `${X}`,
 * `Fn::GetAtt [X, Arn]` as `${X.Arn}`, `Fn::Join` joined, `Fn::Sub` as its string (with its
 * variable map substituted). Anything else becomes `${?}`: unknown at synth.
 */
export function flatten(value: any): string {
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (value && typeof value === 'object') {
    if (typeof value.Ref === 'string') {
      return `\${${value.Ref}}`;
    }
    const getAtt = value['Fn::GetAtt'];
    if (Array.isArray(getAtt)) {
      return `\${${getAtt.join('.')}}`;
    }
    if (typeof getAtt === 'string') {
      return `\${${getAtt}}`;
    }
    const join = value['Fn::Join'];
    if (Array.isArray(join) && Array.isArray(join[1])) {
      return join[1].map(flatten).join(join[0]);
    }
    const sub = value['Fn::Sub'];
    if (typeof sub === 'string') {
      return sub;
    }
    if (Array.isArray(sub) && typeof sub[0] === 'string') {
      const vars: { [name: string]: any } = sub[1] ?? {};
      return sub[0].replace(/\$\{([^}!]+)\}/g, (m: string, name: string) => (name in vars ? flatten(vars[name]) : m));
    }
  }
  return '${?}';
}

/** A `${X}` or `${X.Attr}` placeholder of `flatten`, as the logical id it names. */
export function placeholderId(text: string): string | undefined {
  const m = /^\$\{([^}.]+)(?:\.[^}]+)?\}$/.exec(text);
  return m && m[1] !== '?' && !m[1].startsWith('AWS::') ? m[1] : undefined;
}

/** A string value that is known at synth (a literal), or undefined. */
export function literal(value: any): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}
