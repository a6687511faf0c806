export * from './plant/plant-model.js';
export * from './telemetry/telemetry-point.js';
export * from './telemetry/validate-message.js';
export * from './alarms/index.js';
export * from './telemetry/latency-histogram.js';
