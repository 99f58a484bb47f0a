// Benchmarks: written in the next commit.
export async function runBenchmarks(): Promise<void> {
  throw new Error('The benchmarks are not written yet.');
}
