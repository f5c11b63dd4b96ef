/**
 * Long work in the web process (the related-stories rebuild) that must not stop it answering: call
 * the returned function between small steps; once `budgetMs` of work has gone by since the last
 * pause it waits for the event loop to run everything that is waiting (requests, timers, I/O), and
 * otherwise returns at once, so a tight loop costs nothing extra.
 *
 * @example
 * const pause = createPause();
 * for (const item of items) { work(item); await pause(); }
 */
export function createPause(budgetMs = 20): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < budgetMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    since = performance.now();
  };
}

/**
 * Long synchronous work written as a generator that yields between steps: `finishNow` runs it to
 * the end at once (a test, the quality evaluation), `finishPausing` calls `pause` at every step.
 */
export function finishNow<T>(steps: Generator<void, T, undefined>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

export async function finishPausing<T>(
  steps: Generator<void, T, undefined>,
  pause: () => Promise<void>,
): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
  }
}
