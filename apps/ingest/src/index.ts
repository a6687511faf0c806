export { startIngest, type IngestDeps, type RunningIngest } from './bootstrap.js';
export { IngestPipeline } from './pipeline/ingest.pipeline.js';
export { decode } from './pipeline/decode.stage.js';
export { ingestEnv, type IngestEnv } from './config.js';
