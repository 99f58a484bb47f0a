import cliProgress from 'cli-progress';
import type { Progress } from '../kernel/progress.ts';

/**
 * A bar only when a person is watching: stderr (where it draws) is a terminal, and TERM is not
 * "dumb". Piped into a file or a CI log it would be a stream of carriage returns.
 */
export function progressEnabled(stream: { isTTY?: boolean } = process.stderr, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/** A progress bar on a terminal; silent when output is piped (CI logs, --json). */
export function progressBar(label: string, enabled = progressEnabled()): { update: Progress; stop: () => void } {
  if (!enabled) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {value}/{total} {step}`, stream: process.stderr, hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(step, done, total) {
      if (!started) {
        bar.start(total, 0, { step });
        started = true;
      }
      bar.setTotal(total);
      bar.update(done, { step });
    },
    // Stopped before a command prints its summary and again on the way out: the second is a no-op.
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
