export * from './topic/topic.js';
export * from './payload/envelope.js';
export * from './payload/schemas.js';
