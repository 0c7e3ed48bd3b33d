// pino: human-readable on a terminal, JSON lines otherwise (CI, services, log shippers).
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(level = 'info', opts: { pretty?: boolean; destination?: number } = {}): Logger {
  const pretty = opts.pretty ?? (process.stdout.isTTY === true && !process.env.CI);
  if (pretty) {
    return pino({
      level,
      transport: {
        target: 'pino-pretty',
        options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
      },
    });
  }
  return pino({ level, base: undefined }, pino.destination({ fd: opts.destination ?? 1, sync: false }));
}
