/**
 * @plantwatch/alarms — the alarms microservice: rule evaluation on telemetry and on time,
 * ISA-18.2 lifecycle, escalation and notifications, alarm KPIs. `main.ts` is the process entry;
 * `cli/main.ts` the `plantwatch-alarms report|score` command.
 */
export { AlarmService, AlarmServiceError, type AlarmPublisher, type AlarmServiceDeps } from './alarm.service.js';
export { startAlarms, type AlarmsDeps, type RunningAlarms } from './bootstrap.js';
export { every, ManualClock, SystemClock, type Clock, type ClockTimer } from './clock.js';
export { alarmsEnv, type AlarmsEnv } from './config.js';
export { readHistory } from './persistence/history-log.js';
export { loadRoster, rosterFile, SHIPPED_ROSTER, type Contacts, type RosterFile } from './rules/roster-file.js';
export { parseRuleFile, RuleFiles, SHIPPED_RULES_DIR } from './rules/rule-files.js';
export { DEFAULT_RETRY, type RetryOptions } from './notify/retrying-sender.js';
