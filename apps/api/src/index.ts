export { startApi, type ApiDeps, type RunningApi } from './bootstrap.js';
export { apiEnv, type ApiEnv } from './config.js';
