// knip: unused files, exports and dependencies. Run by `npm run lint` (knip 6 parses with oxc, so
// it needs no `typescript` JS API and runs on Node 20.19+ and 24).
import type { KnipConfig } from 'knip';

const config: KnipConfig = {
  entry: [
    // bin/caseweight.mjs (package.json "bin", found by knip itself) imports this one.
    'src/cli/main.ts',
    // The composition root.
    'src/main.ts',
    // Started as a child process by test/database-lock.test.ts (the race for a stale lock).
    'test/support/lock-taker.ts',
    // Run on its own: `npx tsx bench/import-phases.ts [postgres://…]`.
    'bench/import-phases.ts',
    // Run on its own: `npx tsx bench/demo-figures.ts [date] [seed]` (the demo council's figures).
    'bench/demo-figures.ts',
    // Started by path as a worker thread (bench/allocation.ts), which knip does not follow.
    'bench/highs-worker.ts',
    // Compiled by path (sass.compile) when the app starts; its `@use "pkg:govuk-frontend"` is followed.
    'src/**/styles/*.scss',
    // Tests come from vitest.config.ts's `include` (knip's vitest plugin); the lint config from its eslint plugin.
  ],
  project: ['src/**/*.{ts,scss}', 'test/**/*.ts', 'bench/**/*.ts', 'lint/**/*.ts', 'bin/**/*.mjs'],
  ignoreExportsUsedInFile: true,
  ignoreDependencies: [
    // Loaded by path, which knip does not follow: createRequire(…).resolve('axe-core/axe.min.js')
    // in test/browser/.
    'axe-core',
  ],
};

export default config;
