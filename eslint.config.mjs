// Lint: type-aware promise rules (STYLE.md) and Nx module boundaries with real dependency
// constraints: pure libs (contracts, domain) import no framework and no I/O; apps never import
// each other; only the test tree may reach across apps.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'net', 'http', 'https', 'child_process', 'dgram', 'tls', 'os', 'path'];
const frameworks = ['@nestjs/*', 'socket.io', 'socket.io-client', 'aedes', 'aedes-*', 'mqtt', 'influx', '@duckdb/*', 'ws', 'express', 'level'];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'apps/onemap/**', 'data/**', 'results/**', '**/*.mjs', '**/*.js'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'], allowedExternalImports: ['zod', 'vitest'] },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain'], bannedExternalImports: [...nodeBuiltins, ...frameworks] },
            { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:platform'] },
            { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:platform'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:platform', 'type:adapter'] },
            { sourceTag: 'type:simulator', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:platform', 'type:testing'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:platform', 'type:adapter', 'type:testing'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:platform', 'type:simulator', 'type:testing'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
    },
  },
  {
    // Pure libs: no I/O and no framework, whatever the project graph knows about.
    files: ['libs/contracts/src/**/*.ts', 'libs/domain/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: [...nodeBuiltins, ...frameworks], message: 'contracts and domain are pure: no I/O, no framework (STYLE.md).' }] }],
    },
  },
);
