export * from './expect-eventually.js';
export * from './free-port.js';
export * from './influxd.js';
