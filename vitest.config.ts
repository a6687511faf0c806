import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const src = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

// Tests run on sources (no build needed); SWC keeps NestJS decorator metadata (esbuild drops it).
export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: {
    alias: {
      '@plantwatch/contracts': src('./libs/contracts/src/index.ts'),
      '@plantwatch/domain': src('./libs/domain/src/index.ts'),
      '@plantwatch/platform': src('./libs/platform/src/index.ts'),
      '@plantwatch/store': src('./libs/store/src/index.ts'),
      '@plantwatch/testing': src('./libs/testing/src/index.ts'),
      '@plantwatch/broker': src('./apps/broker/src/index.ts'),
      '@plantwatch/ingest': src('./apps/ingest/src/index.ts'),
      '@plantwatch/api': src('./apps/api/src/index.ts'),
      '@plantwatch/alarms': src('./apps/alarms/src/index.ts'),
      '@plantwatch/simulators': src('./simulators/src/index.ts'),
      '@plantwatch/loadtest': src('./apps/loadtest/src/index.ts'),
    },
  },
  test: {
    include: ['{apps,libs,simulators}/*/src/**/*.spec.ts', 'simulators/src/**/*.spec.ts', 'test/**/*.spec.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    globalSetup: ['./libs/testing/src/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', './libs/testing/src/summary-reporter.ts'],
  },
});
