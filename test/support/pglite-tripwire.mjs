// Loaded with `node --import` into CLI child processes by test/database-lock-server.test.ts:
// appends a line to $PGLITE_TRIPWIRE whenever PGlite.create is called, so a test can tell
// whether a refused command opened the data directory.
import { appendFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';

const marker = process.env.PGLITE_TRIPWIRE;
const create = PGlite.create.bind(PGlite);
PGlite.create = (...args) => {
  if (marker) appendFileSync(marker, `${process.pid} ${String(args[0])}\n`);
  return create(...args);
};
