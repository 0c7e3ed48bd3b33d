// `hwbind cluster up`: several gateway nodes on this machine, on a throwaway PostgreSQL and Redis
// (gateway/cluster/local.ts), until Ctrl-C. For trying nodes out — a fleet spread over them, a node
// killed — not for production (the README shows nodes behind a TCP load balancer).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { HwbindError } from '../../protocol/errors.js';
import { startLocalCluster } from '../cluster/local.js';

const whole = (text: string | undefined, flag: string, min: number, max: number): number | undefined => {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new HwbindError(
      'invalid_argument',
      `${flag} must be a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`,
    );
  return n;
};

export function registerClusterCommand(program: Command): void {
  const cluster = program
    .command('cluster')
    .description('several gateway nodes on PostgreSQL and Redis, on this machine');
  cluster
    .command('up')
    .description(
      'start a throwaway PostgreSQL and redis-server (Debian packages) and N gateway nodes on them; print the endpoints; Ctrl-C stops everything',
    )
    .option('--nodes <n>', 'gateway nodes, 1-16', '3')
    .option('--mqtt-port <port>', 'MQTT port of the first node; node i listens on PORT+i-1 (0: free ports)', '1883')
    .option('--http-port <port>', 'HTTP port of the first node; node i listens on PORT+i-1 (0: free ports)', '8080')
    .option('--host <addr>', 'address the nodes listen on', '127.0.0.1')
    .option('--public-url <url>', "what QR codes and bundles carry (default the first node's HTTP URL)")
    .option(
      '--dir <dir>',
      "where the servers' data, the nodes' data and their logs go (default a temporary directory, removed at the end)",
    )
    .addHelpText(
      'after',
      `
Examples:
  $ hwbind cluster up                                  # 3 nodes: MQTT 1883-1885, HTTP 8080-8082
  $ hwbind cluster up --nodes 2 --mqtt-port 0 --http-port 0 --dir ./cluster

Then, in another terminal, with the store URL, the token and the nodes it printed: register a model and
devices with \`hwbind vendor … --store STORE_URL\`, and run a fleet over every node with
\`hwbind sim fleet … --gateway NODE1_HTTP --token TOKEN --mqtt-url NODE1_MQTT,NODE2_MQTT,NODE3_MQTT\`.
Kill a node (kill -9 PID): its devices come back on the others.`,
    )
    .action(async (f) => {
      const kept = f.dir !== undefined;
      const dir = kept ? (f.dir as string) : mkdtempSync(join(tmpdir(), 'hwbind-cluster-'));
      process.stdout.write('starting PostgreSQL, Redis and the nodes…\n');
      const c = await startLocalCluster({
        nodes: whole(f.nodes, '--nodes', 1, 16)!,
        dir,
        host: f.host,
        mqttPort: whole(f.mqttPort, '--mqtt-port', 0, 65535),
        httpPort: whole(f.httpPort, '--http-port', 0, 65535),
        publicUrl: f.publicUrl,
        onNodeExit: (node, code) =>
          process.stdout.write(`${node.id} exited (${code ?? 'killed'}); its devices reconnect to the others\n`),
      }).catch((err) => {
        if (!kept) rmSync(dir, { recursive: true, force: true });
        throw err;
      });
      const width = Math.max(...c.nodes.map((n) => n.id.length));
      process.stdout.write(
        [
          `hwbind cluster: ${c.nodes.length} node(s) on PostgreSQL and Redis`,
          `  store      ${c.store}`,
          `  redis      ${c.redis}`,
          ...c.nodes.map(
            (n) => `  ${n.id.padEnd(width)}  MQTT ${n.mqttUrl}  HTTP ${n.httpUrl}  pid ${n.proc.pid}  log ${n.log}`,
          ),
          `  public     ${c.publicUrl}`,
          `  admin API token: ${c.adminToken}`,
          `  devices: --mqtt-url ${c.nodes.map((n) => n.mqttUrl).join(',')}`,
          'ready; Ctrl-C stops every node, Redis and PostgreSQL',
          '',
        ].join('\n'),
      );
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          process.stdout.write(`${signal}: stopping the nodes, Redis and PostgreSQL\n`);
          resolve();
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
      });
      await c.stop();
      if (!kept) rmSync(dir, { recursive: true, force: true });
      process.stdout.write('stopped\n');
    });
}
