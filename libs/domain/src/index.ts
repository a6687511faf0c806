export * from './plant/plant-model.js';
export * from './telemetry/telemetry-point.js';
