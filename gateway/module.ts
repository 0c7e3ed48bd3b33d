// The one lifecycle every gateway concern follows (sessions, outbox, binding, notifications, and
// later enrollment, records, OTA): started in order, stopped in reverse. start() cleans up what a
// crash may have left; stop() drops timers and flushes what must be written.
export interface GatewayModule {
  readonly name: string;
  start?(): Promise<void>;
  stop?(): Promise<void>;
}

/** Starts modules in order; if one fails, stops the ones already started (in reverse) and rethrows. */
export async function startModules(modules: readonly GatewayModule[]): Promise<GatewayModule[]> {
  const started: GatewayModule[] = [];
  for (const m of modules) {
    try {
      await m.start?.();
    } catch (err) {
      await stopModules(started, () => {});
      throw err;
    }
    started.push(m);
  }
  return started;
}

/** Stops modules in reverse order; a failing stop is reported and the others still stop. */
export async function stopModules(
  modules: readonly GatewayModule[],
  report: (module: string, err: unknown) => void,
): Promise<void> {
  for (const m of [...modules].reverse()) {
    await m.stop?.().catch((err: unknown) => report(m.name, err));
  }
}
