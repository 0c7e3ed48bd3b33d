// The hwbind binary's entry: runs the command line; a failure ends the process with its code at once.
import { runCli } from './program.js';

const code = await runCli(process.argv.slice(2));
if (code !== 0) process.exit(code);
