export * from './config.js';
export * from './plant-file.js';
export * from './nest/uns-deserializer.js';
export * from './nest/uns-mqtt-server.js';
export * from './run-service.js';
