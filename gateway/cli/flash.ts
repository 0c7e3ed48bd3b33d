// `hwbind flash --port PATH[:BAUD] --bundle FILE`: provision a device over its serial line.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parseBundle } from '../../protocol/bundle.js';
import { HwbindError } from '../../protocol/errors.js';
import { parsePortSpec } from '../../protocol/serial-link.js';
import { flashBundle } from '../serial/flasher.js';

function readBundle(path: string) {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new HwbindError('invalid_argument', `cannot read bundle ${path}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new HwbindError('invalid_argument', `${path} is not JSON: ${(err as Error).message}`);
  }
  return parseBundle(json, path);
}

export function registerFlashCommand(program: Command): void {
  program
    .command('flash')
    .description('write a provisioning bundle to a device over its serial line, then read it back to verify')
    .requiredOption('--port <port>', 'serial port of the device, PATH[:BAUD] (baud default 115200)')
    .requiredOption('--bundle <file>', 'provisioning bundle JSON (from `hwbind vendor device add`)')
    .option('--timeout <s>', 'seconds to wait for each answer of the device', '10')
    .addHelpText(
      'after',
      `
The device must be in provisioning mode (blank), or already hold this bundle (then it is only
verified). Errors: device_timeout (no answer), frame_crc_mismatch (only damaged frames: wrong baud
rate or wiring), wrong_device (another model, or provisioned as another SN), flash_verify_failed.

Examples:
  $ hwbind vendor device add --data ./data --model T1000 --sn HWB0001 > HWB0001.json
  $ hwbind flash --port /dev/ttyUSB0 --bundle HWB0001.json
  $ hwbind flash --port /dev/ttyUSB0:921600 --bundle HWB0001.json --timeout 30
`,
    )
    .action(async (f) => {
      const timeout = Number(f.timeout);
      if (!Number.isFinite(timeout) || timeout <= 0 || timeout > 3600) {
        throw new HwbindError('invalid_argument', '--timeout must be a number of seconds from 0 to 3600');
      }
      await flashBundle({
        spec: parsePortSpec(f.port),
        bundle: readBundle(f.bundle),
        timeoutMs: timeout * 1000,
        progress: (line) => process.stdout.write(`${line}\n`),
      });
    });
}
