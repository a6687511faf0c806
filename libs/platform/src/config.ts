import type { z } from 'zod';

/**
 * The one config loader: each app declares a zod schema of its env vars; this validates them
 * once, caches the typed result, and names every bad variable in one clear error.
 * No `process.env` outside this module (STYLE.md §5).
 */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

const cache = new Map<z.ZodType, unknown>();

export function loadConfig<S extends z.ZodType>(schema: S, env: Readonly<Record<string, string | undefined>> = process.env): z.infer<S> {
  if (env === process.env && cache.has(schema)) return cache.get(schema) as z.infer<S>;
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`));
  }
  if (env === process.env) cache.set(schema, result.data);
  return result.data as z.infer<S>;
}

/** Forgets cached configs (tests that change the environment). */
export function resetConfigCache(): void {
  cache.clear();
}
