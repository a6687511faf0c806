/** The pure alarm engine (ANSI/ISA-18.2, EEMUA 191): rules, lifecycle, escalation, KPIs, scoring. */
export { AlarmBook, type AlarmOrigin, type BookDrain, type BookSnapshot } from './alarm-book.js';
export { AlarmEngine, type DeviceDirectory, type EngineMessage, type EngineOptions, type EngineSnapshot } from './alarm-engine.js';
export { AlarmCommandError, type AlarmCommandErrorCode } from './alarm-errors.js';
export { computeAlarmKpis, DEFAULT_KPI_OPTIONS, floodEpisodes, isActivation, peakInWindow, positionOf, type AlarmKpis, type FloodEpisode, type KpiOptions, type PositionKpi } from './alarm-kpi.js';
export { deriveState, isAnnunciated, isDormant, toValues, type AlarmChange, type AlarmRecord } from './alarm-record.js';
export { detectionTable, scoreDetections, type DetectionScore, type FaultExpectation, type FaultScope, type FaultScore, type ScoreOptions, type TruthRecord } from './detection-score.js';
export { areaOf, assigneeAt, escalationLevel, ownershipAt, shiftAt, type Ownership, type Roster, type RosterArea } from './roster.js';
export { instanceId } from './rule-runtime.js';
export { elementsAt, interpolateCurve, valueAt } from './signal-path.js';
