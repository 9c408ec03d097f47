// A small lint set: what tsc does not catch and what costs us when missed — promises nobody waits for,
// promises passed where nothing awaits them, awaits on values that are not promises, names left unused —
// plus ESLint's recommended basics. Formatting is Prettier's job, not ESLint's.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['data/', 'tmp/', '.test-template/'] },
  js.configs.recommended,
  {
    // The few JavaScript files (bin/atlas.js, this file, the dependency-cruiser config) run on Node.
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', module: 'writable' } },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.eslintRecommended],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      // node:test's test() and describe() return promises the runner itself waits for.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] },
          ],
        },
      ],
      // Full checks, JSX attributes too: server-rendered pages pass no async handlers, so nothing to exempt.
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // Our text code matches control characters on purpose (folding, refusing them in redirect paths).
      'no-control-regex': 'off',
      'no-unused-vars': 'off',
      // `{ id: _id, ...rest }` is how code leaves a field out, so names beside a rest element may go unused.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
);
