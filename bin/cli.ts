// The hwbind command line: composes the gateway's and the simulator's commands (the only place
// that imports both sides) and turns typed errors into one clear line and an exit code.
import { Command } from 'commander';
import { registerGatewayCommands } from '../gateway/cli/commands.js';
import { storageError } from '../gateway/store/sqlite.js';
import { isHwbindError } from '../protocol/errors.js';
import { registerSimulatorCommands } from '../simulator/cli.js';
import { registerBenchCommand } from './bench.js';
import { registerDemoCommand } from './demo.js';

const program = new Command('hwbind')
  .description('hardware gateway and device-firmware simulator for attendance and access-control terminals')
  .version('0.1.0')
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
registerSimulatorCommands(program);
registerDemoCommand(program);
registerBenchCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (caught) {
  const err = storageError(caught, 'the data directory') ?? caught;
  if (isHwbindError(err)) {
    process.stderr.write(`hwbind: ${err.code}: ${err.message}\n`);
    const problems = (err.details?.errors ?? []) as { line: number; sn: string; message: string }[];
    for (const p of problems) process.stderr.write(`  line ${p.line}: ${p.sn ? `${p.sn}: ` : ''}${p.message}\n`);
    process.exit(1);
  }
  throw err;
}
