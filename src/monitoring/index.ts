// Monitoring of one stage: options, failure metrics from the access log, alarms through one
// factory, saved queries, dashboard and cost; the construct only wires them.
export * from './options';
export * from './failure-metrics';
export * from './handler-metrics';
export * from './queries';
export * from './cost';
export * from './plan';
export * from './alarm-table';
export * from './metrics';
export * from './alarms';
export * from './dashboard';
export * from './resilient-api-monitoring';
