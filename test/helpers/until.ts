// The one polling helper: waits until `probe` returns something other than null (or throws on
// timeout, naming what it waited for). Tests poll for a state instead of sleeping a fixed time.
export async function until<T>(
  what: string,
  probe: () => Promise<T | null> | T | null,
  timeoutMs = 10_000,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
