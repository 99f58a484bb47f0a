import { describe, expect, it } from 'vitest';
import { progressBar, progressEnabled } from './progress.ts';

describe('the progress bar', () => {
  it('draws only on a terminal, and not on a dumb one', () => {
    expect(progressEnabled({ isTTY: true }, {})).toBe(true);
    expect(progressEnabled({ isTTY: false }, {})).toBe(false);
    expect(progressEnabled({}, {})).toBe(false);
    expect(progressEnabled({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
  });

  it('writes nothing when off, and stopping twice is harmless', () => {
    const write = process.stderr.write;
    let written = '';
    process.stderr.write = ((chunk: string) => ((written += chunk), true)) as typeof process.stderr.write;
    try {
      const bar = progressBar('Test', false);
      bar.update('one', 0, 2);
      bar.update('two', 1, 2);
      bar.stop();
      bar.stop();
    } finally {
      process.stderr.write = write;
    }
    expect(written).toBe('');
  });
});
