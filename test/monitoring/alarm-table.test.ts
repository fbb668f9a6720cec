import { MonitoringAlarm, renderAlarmTable } from '../../src/monitoring';

test('the README alarm table has a row for every default alarm and the composite', () => {
  const table = renderAlarmTable();
  for (const alarm of Object.values(MonitoringAlarm)) {
    expect(table).toContain(`| \`<prefix>-${alarm}\` |`);
  }
  expect(table).toContain('`<prefix>-Unhealthy` (composite)');
  expect(table).toContain('rate > 0.01 in 3 of 5 minutes; minutes with < 10 requests count as 0');
  // The p99 alarms are gated too: in a quiet minute a p99 is only the slowest request.
  expect(table).toContain('p99 > 0.8 × integration timeout in 3 of 5 minutes; minutes with < 10 requests count as 0');
  expect(table).toContain('p99 > 0.8 × function timeout in 3 of 5 minutes; minutes with < 10 invocations count as 0');
  expect(table.split('\n')).toHaveLength(2 + Object.values(MonitoringAlarm).length + 1);
});
