/**
 * Retries an assertion until it passes or `timeoutMs` runs out, then rethrows its last error.
 * Eventual assertions, never sleeps (STYLE.md §12). The timeout is a give-up bound, not a
 * timing assertion.
 */
export async function expectEventually<T>(assertion: () => T | Promise<T>, { timeoutMs = 15_000, intervalMs = 50 } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
