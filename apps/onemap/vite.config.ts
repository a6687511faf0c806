import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/**
 * The one-map build: one small bundle in dist/, served by the api at `/`. Nothing is loaded from
 * anywhere else at run time (closed plant networks): no CDN, no web fonts, no source maps that
 * point elsewhere. `npm run dev` proxies /api and /socket.io to a running stack.
 */
export default defineConfig({
  root: here('.'),
  base: '/',
  resolve: { alias: { '@plantwatch/contracts': here('../../libs/contracts/src/index.ts') } },
  build: { outDir: here('dist'), emptyOutDir: true, target: 'es2022', sourcemap: false, assetsInlineLimit: 0, chunkSizeWarningLimit: 300 },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/socket.io': { target: 'ws://127.0.0.1:8080', ws: true },
    },
  },
});
