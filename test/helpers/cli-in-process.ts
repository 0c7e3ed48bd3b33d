// hwbind command lines run inside the test process through bin/program.ts (what the binary runs),
// with what they write captured: far cheaper than a process per command. Commands that keep running
// (gateway, demo, sim device) still get a process of their own (processes.ts).
import type { Command } from 'commander';
import { createProgram, runCli } from '../../bin/program.js';

export interface InProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

let queue: Promise<unknown> = Promise.resolve();

export interface InProcessOptions {
  cwd?: string;
  /** Variables set for the run's duration. */
  env?: Record<string, string>;
}

/**
 * Runs `hwbind ...args` in this process. Runs are serialized: each swaps the process's stdout and
 * stderr writers, working directory, environment variables and exit code for its duration.
 */
export function runInProcess(args: string[], opts: InProcessOptions = {}): Promise<InProcessResult> {
  const run = queue.then(() => runNow(args, opts));
  queue = run.catch(() => {});
  return run;
}

async function runNow(args: string[], opts: InProcessOptions): Promise<InProcessResult> {
  const captured = { stdout: '', stderr: '' };
  const capture =
    (into: 'stdout' | 'stderr') =>
    (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      captured[into] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      done?.();
      return true;
    };
  const saved = {
    out: process.stdout.write,
    err: process.stderr.write,
    cwd: process.cwd(),
    exitCode: process.exitCode,
    env: Object.keys(opts.env ?? {}).map((key) => [key, process.env[key]] as const),
  };
  process.stdout.write = capture('stdout') as typeof process.stdout.write;
  process.stderr.write = capture('stderr') as typeof process.stderr.write;
  process.exitCode = undefined;
  if (opts.cwd) process.chdir(opts.cwd);
  Object.assign(process.env, opts.env);
  try {
    const code = await runCli(args);
    return { code, ...captured };
  } finally {
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
    process.exitCode = saved.exitCode;
    process.chdir(saved.cwd);
    for (const [key, value] of saved.env) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/** Every command of the tree with its full help text (what `hwbind … --help` prints), depth first. */
export function helpTexts(program: Command = createProgram()): { path: string[]; leaf: boolean; text: string }[] {
  const found: { path: string[]; leaf: boolean; text: string }[] = [];
  const visit = (cmd: Command, path: string[]) => {
    let text = '';
    cmd.configureOutput({ writeOut: (s) => (text += s) });
    cmd.outputHelp();
    found.push({ path, leaf: cmd.commands.length === 0, text });
    for (const sub of cmd.commands) visit(sub, [...path, sub.name()]);
  };
  visit(program, []);
  return found;
}
