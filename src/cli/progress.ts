import cliProgress from 'cli-progress';

/** A progress bar on a terminal; silent when output is piped (CI logs, --json). */
export function progressBar(label: string, enabled = process.stderr.isTTY) {
  if (!enabled) return { update: (_step: string, _done: number, _total: number) => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {value}/{total} {step}`, stream: process.stderr, hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(step: string, done: number, total: number) {
      if (!started) {
        bar.start(total, 0, { step });
        started = true;
      }
      bar.setTotal(total);
      bar.update(done, { step });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
