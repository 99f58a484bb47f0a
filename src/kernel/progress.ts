/**
 * How long work reports itself: each step as it starts, with how many steps are done of how
 * many. The CLI draws a bar from it; pages and tests may pass nothing.
 */
export type Progress = (step: string, done: number, total: number) => void;

export const noProgress: Progress = () => undefined;

/**
 * Steps counted for the caller: `next(name)` reports a step starting, `finish(name)` the end.
 * `total` is every step `next` will be called for; finishing early (a stopped import) jumps to it.
 */
export function stepper(progress: Progress, total: number) {
  let done = 0;
  return {
    next(step: string) {
      progress(step, Math.min(done, total), total);
      done += 1;
    },
    finish(step: string) {
      done = total;
      progress(step, total, total);
    },
  };
}
