// The hwbind command tree and how one invocation ends: composes the gateway's and the simulator's
// commands (the only place that imports both sides) and turns typed errors into one clear line and
// an exit code. bin/cli.ts runs it for the binary; tests run it in-process.
import { Command, CommanderError } from 'commander';
import { registerClusterCommand } from '../gateway/cli/cluster.js';
import { registerGatewayCommands } from '../gateway/cli/commands.js';
import { registerConformanceCommand } from '../gateway/cli/conformance.js';
import { registerFlashCommand } from '../gateway/cli/flash.js';
import { storageError } from '../gateway/store/sqlite.js';
import { isHwbindError } from '../protocol/errors.js';
import { registerSimulatorCommands } from '../simulator/cli.js';
import { registerBenchCommand } from './bench.js';
import { registerDemoCommand } from './demo.js';

export const VERSION = '0.1.0';

export function createProgram(): Command {
  const program = new Command('hwbind')
    .description('hardware gateway and device-firmware simulator for attendance and access-control terminals')
    .version(VERSION)
    // Options before the command are hwbind's own (--version, --help); after it, the command's:
    // `firmware sign --version 1.3.0` is the image's version, not a request for hwbind's.
    .enablePositionalOptions()
    // Commander reports usage errors, help and --version by throwing: runCli turns that into the exit code.
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      `
Start here:
  $ hwbind demo                      a gateway, a demo enterprise and simulated devices in one process
  $ hwbind gateway --data ./data     run the gateway
  $ hwbind <command> --help          every command has examples`,
    );
  registerGatewayCommands(program);
  registerFlashCommand(program);
  registerClusterCommand(program);
  registerSimulatorCommands(program);
  registerConformanceCommand(program);
  registerDemoCommand(program);
  registerBenchCommand(program);
  return program;
}

/**
 * Runs one command line (`args` without node and the script) and answers its exit code: 0, the code a
 * command set in process.exitCode (a failed expectation), 1 for a typed error (said on stderr in one
 * line), or commander's code for usage errors. Other errors are bugs and propagate.
 * Long-running commands (gateway, demo, sim device) answer 0 once started and keep the process alive.
 */
export async function runCli(args: string[], program: Command = createProgram()): Promise<number> {
  try {
    await program.parseAsync(args, { from: 'user' });
    return Number(process.exitCode ?? 0);
  } catch (caught) {
    if (caught instanceof CommanderError) return caught.exitCode;
    const err = storageError(caught, 'the data directory') ?? caught;
    if (isHwbindError(err)) {
      process.stderr.write(`hwbind: ${err.code}: ${err.message}\n`);
      const problems = (err.details?.errors ?? []) as { line: number; sn: string; message: string }[];
      for (const p of problems) process.stderr.write(`  line ${p.line}: ${p.sn ? `${p.sn}: ` : ''}${p.message}\n`);
      return 1;
    }
    throw err;
  }
}
