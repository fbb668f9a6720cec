import { StageDef, stagesOfApi } from './rest-api';
import { CfnResourceJson, flatten, referencedId, TemplateIndex } from './template';

/** The stage a `Stage` resource (or a `Deployment` naming a stage) defines, if it is one. */
export function stageDefinedBy(logicalId: string, resource: CfnResourceJson, index: TemplateIndex): StageDef | undefined {
  const restApiId = referencedId(resource.Properties?.RestApiId);
  return restApiId === undefined ? undefined : stagesOfApi(index, restApiId).find((s) => s.logicalId === logicalId);
}

/** The settings of a stage, whether it is a `Stage` resource or a `Deployment`'s `StageDescription`. */
export interface StageSettings {
  /** The method settings, the stage-wide one (`*` on `/*`) included. */
  readonly methodSettings: any[];
  /** The access log format, flattened, if the stage writes access logs. */
  readonly accessLogFormat?: string;
}

/** Reads a stage's method settings and access log format. */
export function stageSettings(stage: StageDef): StageSettings {
  const p = stage.properties;
  const description = p.StageDescription;
  const methodSettings: any[] = description
    ? [{ ...description, HttpMethod: '*', ResourcePath: '/*' }, ...(description.MethodSettings ?? [])]
    : p.MethodSettings ?? [];
  const accessLog = description ? description.AccessLogSetting : p.AccessLogSetting;
  return {
    methodSettings: Array.isArray(methodSettings) ? methodSettings : [],
    accessLogFormat: accessLog?.Format !== undefined ? flatten(accessLog.Format) : undefined,
  };
}

/** The stage-wide method setting (`*` on `/*`), if there is one. */
export function stageWideSetting(settings: StageSettings): any {
  return settings.methodSettings.find((s) => s?.HttpMethod === '*' && s?.ResourcePath === '/*');
}
