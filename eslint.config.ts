// ESLint flat config: typescript-eslint's recommended rules for all TypeScript (src, test,
// bench, lint), and the architecture rules of DESIGN.md for src/: lint/plugin.ts, with the
// policy in lint/architecture.ts (imports) and lint/table-owners.ts (tables). `npm run lint`.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import { caseweight } from './lint/plugin.ts';

export default defineConfig(
  { ignores: ['node_modules/', 'bench/results/', 'coverage/', '**/*.d.ts'] },
  {
    files: ['**/*.ts', '**/*.mjs'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Tuned where the codebase's conventions clash; keep this list short, each with why.
      // The code names a deliberately unused parameter, binding or caught error with a leading
      // underscore (`(_step, _done) => {}`, `const [_, rest] = …`): that is the signal, not a slip.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],
    },
  },
  {
    // bin/caseweight.mjs: plain Node ESM (TypeScript files get no-undef from the compiler).
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { caseweight },
    rules: {
      'caseweight/layers': 'error',
      'caseweight/area-parts': 'error',
      'caseweight/store-tables': 'error',
    },
  },
  {
    files: ['src/platform/migrations.ts'],
    plugins: { caseweight },
    rules: { 'caseweight/table-owners-complete': 'error' },
  },
);
