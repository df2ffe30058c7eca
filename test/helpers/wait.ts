// Waiting for something done elsewhere: by another process, or off the event loop. The wait is
// bounded by a budget, generous enough for a busy machine, there to turn a hang into a failure and
// never a measurement (figures belong in the benchmark). Exceeding it fails with a message that
// says it is a budget.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Polls `check` every `everyMs` until it holds; fails once `budgetMs` has passed. Returns the time it took. */
export async function eventually(
  check: () => Promise<boolean> | boolean,
  what: string,
  { budgetMs, everyMs = 50 }: { budgetMs: number; everyMs?: number },
): Promise<number> {
  const started = performance.now()
  for (;;) {
    if (await check()) return performance.now() - started
    const spent = performance.now() - started
    if (spent > budgetMs) {
      throw new Error(`${what}: not so after ${spent.toFixed(0)} ms, over its budget of ${budgetMs} ms`)
    }
    await sleep(everyMs)
  }
}
