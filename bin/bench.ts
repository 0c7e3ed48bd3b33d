// `hwbind bench`: registers the benchmark command (the suite lives in bench/).
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { formatResults, OTA_QUICK_DEVICES, runBench } from '../bench/suite.js';

export function registerBenchCommand(program: Command): void {
  program
    .command('bench')
    .description('benchmark hwbind side by side with Mosquitto on this machine (loopback only)')
    .option(
      '--quick',
      `a shorter run (under 3 minutes): 10,000 connections, fewer messages, binding with 2,000 devices, firmware to ${OTA_QUICK_DEVICES} devices`,
    )
    .option('--json <file>', 'write the results as JSON')
    .option('--html <file>', 'write a self-contained HTML page of charts of the results')
    .option(
      '--only <names>',
      'comma-separated subset: relay,connections,fleet,binding,records,ota,serial,cluster (fleet, records on PostgreSQL and cluster run in full mode or with --only)',
    )
    .option(
      '--ota-devices <n>',
      `devices downloading the firmware image at once (default ${OTA_QUICK_DEVICES} quick, 1000 full)`,
    )
    .option('--fleet <n>', 'simulated devices for the fleet benchmark (default 10000, then 19000 over 3 processes)')
    .option('--devices <n>', 'devices for the connections benchmark (default 10000 quick, 19000 full)')
    .option('--bind-devices <n>', 'devices connected during the binding benchmark (default 2000 quick, 10000 full)')
    .option(
      '--cluster-devices <n>',
      'devices across the 3 nodes of the cluster benchmark (PostgreSQL + Redis; default 6000 quick, 50000 full)',
    )
    .option('--profile <dir>', "write each hwbind gateway's CPU profile (.cpuprofile, for Chrome DevTools) into DIR")
    .addHelpText(
      'after',
      '\nExamples:\n  $ npm run bench -- --quick --json bench.json\n  $ hwbind bench --only connections --devices 19000\n  $ hwbind bench --only binding,records --quick\n  $ hwbind bench --only cluster --cluster-devices 50000\n',
    )
    .action(async (f) => {
      const results = await runBench({
        quick: f.quick === true,
        json: f.json,
        html: f.html,
        only: f.only?.split(','),
        devices: f.devices ? Number(f.devices) : undefined,
        fleet: f.fleet ? Number(f.fleet) : undefined,
        bindDevices: f.bindDevices ? Number(f.bindDevices) : undefined,
        profile: f.profile ? resolve(f.profile) : undefined,
        otaDevices: f.otaDevices ? Number(f.otaDevices) : undefined,
        clusterDevices: f.clusterDevices ? Number(f.clusterDevices) : undefined,
      });
      process.stdout.write(`${formatResults(results)}\n`);
    });
}
