export * from './config.js';
export * from './plant-file.js';
