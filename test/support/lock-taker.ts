// A child process for test/database-lock.test.ts: waits for a "go" file, then races for a data
// directory's lock, prints "won" or "refused", and (when it won) holds the lock for a while so a
// second winner would overlap it.
import { existsSync } from 'node:fs';
import { lockDataDir } from '../../src/platform/data-dir-lock.ts';
import { DatabaseInUseError } from '../../src/kernel/errors.ts';

const [dir, go, holdMs] = process.argv.slice(2) as [string, string, string];
console.log('ready');
while (!existsSync(go)) await new Promise((resolve) => setTimeout(resolve, 2));
try {
  const lock = await lockDataDir(dir, `taker ${process.pid}`);
  console.log('won');
  await new Promise((resolve) => setTimeout(resolve, Number(holdMs)));
  lock.release();
} catch (error) {
  if (!(error instanceof DatabaseInUseError)) throw error;
  console.log('refused');
}
