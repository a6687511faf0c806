import { ALARM_SEVERITIES, type AlarmHistoryRequest, type AlarmListRequest, type AlarmView } from '@plantwatch/contracts';
import { toValues, type AlarmChange, type AlarmRecord } from '@plantwatch/domain';

const RANK = new Map<string, number>(ALARM_SEVERITIES.map((s, i) => [s, i]));

/** An alarm record as the api lists it (its current values, as last published, plus comments). */
export function viewOf(record: Readonly<AlarmRecord>): AlarmView {
  const values: Partial<ReturnType<typeof toValues>> = toValues(record as AlarmRecord, 'comment');
  delete values.event;
  return { ...(values as ReturnType<typeof toValues>), device: record.device, ts: record.lastChange, ...(record.comments.length > 0 ? { comments: record.comments } : {}) };
}

const underNode = (device: string, node: string | undefined): boolean => node === undefined || node === '' || device === node || device.startsWith(`${node}/`);

/** Current alarms: unacknowledged first, then by severity, newest first. */
export function listAlarms(records: readonly Readonly<AlarmRecord>[], request: AlarmListRequest): AlarmView[] {
  return records
    .filter((r) => (request.states === undefined || request.states.includes(r.state)) && underNode(r.device, request.node))
    .filter((r) => (request.sev === undefined || request.sev.includes(r.sev)) && (request.code === undefined || r.code === request.code))
    .map(viewOf)
    .sort((a, b) => Number(b.state === 'active_unack') - Number(a.state === 'active_unack') || (RANK.get(a.sev) ?? 9) - (RANK.get(b.sev) ?? 9) || b.ts - a.ts)
    .slice(0, request.limit ?? 1_000);
}

/** Past transitions matching a history request, newest first. */
export function filterHistory(changes: readonly AlarmChange[], request: AlarmHistoryRequest): AlarmView[] {
  return changes
    .filter((c) => underNode(c.device, request.node) && (request.code === undefined || c.values.code === request.code) && (request.id === undefined || c.values.id === request.id))
    .map((c) => ({ ...c.values, device: c.device, ts: c.ts }))
    .reverse()
    .slice(0, request.limit ?? 1_000);
}
