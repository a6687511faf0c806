/**
 * @plantwatch/broker — the plantwatch MQTT broker (aedes): plant-model credentials, topic ACLs,
 * packet/connection/rate limits and `$SYS`-style stats. `main.ts` is the process entry.
 */
export { createBroker, defaultBrokerOptions, type AedesPassThrough, type BrokerOptions, type RunningBroker } from './broker.js';
export { STATS_TOPIC, type BrokerStats } from './broker-stats.js';
export { mayPublish, mayRead, maySubscribe, SERVICE_ROOT } from './acl.js';
export { authenticatePrincipal, type Principal, type PrincipalKind } from './principal.js';
export { brokerEnvSchema, brokerOptionsFromEnv, type BrokerEnv } from './broker.config.js';
