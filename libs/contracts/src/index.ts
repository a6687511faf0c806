export * from './topic/topic.js';
export * from './payload/envelope.js';
export * from './payload/schemas.js';
export * from './svc/store-requests.js';
export * from './live/live-events.js';
