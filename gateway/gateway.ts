// The gateway process: store, broker, device sessions, HTTP — started in order, stopped in reverse.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { type Clock, systemClock } from '../protocol/clock.js';
import { HwbindError } from '../protocol/errors.js';
import { Tokens } from './auth/tokens.js';
import { DeviceBroker } from './broker/broker.js';
import { DeviceAuthenticator } from './broker/device-auth.js';
import type { GatewayConfig } from './config.js';
import { Enterprises } from './corp/directory.js';
import { MessageRouter } from './devices/router.js';
import { DeviceSessions } from './devices/sessions.js';
import { createHttpServer } from './http/server.js';
import { createLogger, type Logger, LogSink } from './logger.js';
import { Metrics } from './metrics.js';
import { Provisioning } from './provisioning/provisioning.js';
import { SqliteStore } from './store/sqlite.js';
import type { Store } from './store/types.js';

export interface GatewayUrls {
  mqtt: string;
  mqtts: string | null;
  http: string;
  ws: string;
  public: string;
}

/** Opens the embedded store for a data directory, migrated. */
export async function openStore(dataDir: string): Promise<Store> {
  const store = new SqliteStore(dataDir);
  await store.migrate();
  return store;
}

function portError(err: unknown, what: string, port: number, flag: string): unknown {
  const code = (err as { code?: string }).code;
  if (code === 'EADDRINUSE')
    return new HwbindError(
      'conflict',
      `${what} port ${port} is already in use: stop the other process or choose another with ${flag}`,
    );
  if (code === 'EACCES')
    return new HwbindError('forbidden', `no permission to listen on ${what} port ${port} (${flag})`);
  return err;
}

export class Gateway {
  readonly metrics = new Metrics();
  readonly provisioning: Provisioning;
  readonly enterprises: Enterprises;
  readonly tokens: Tokens;
  readonly sessions: DeviceSessions;
  readonly router: MessageRouter;
  readonly broker: DeviceBroker;
  http!: FastifyInstance;
  urls!: GatewayUrls;
  private stopping: Promise<void> | null = null;

  private constructor(
    readonly config: GatewayConfig,
    readonly store: Store,
    readonly logger: Logger,
    readonly clock: Clock,
  ) {
    this.provisioning = new Provisioning(store, clock);
    this.enterprises = new Enterprises(store, clock);
    this.tokens = new Tokens(store, clock);
    this.router = new MessageRouter(
      (sn, topic, env) => this.broker.publish(sn, topic, env),
      logger.child({ component: 'router' }),
      this.metrics,
    );
    this.sessions = new DeviceSessions({
      store,
      clock,
      logger: logger.child({ component: 'sessions' }),
      metrics: this.metrics,
      heartbeatIntervalS: config.heartbeatInterval,
      disconnect: (sn) => this.broker.disconnect(sn),
    });
    this.sessions.register(this.router);
    this.broker = new DeviceBroker({
      clock,
      logger: logger.child({ component: 'broker' }),
      metrics: this.metrics,
      auth: new DeviceAuthenticator({
        store,
        clock,
        logger: logger.child({ component: 'auth' }),
        metrics: this.metrics,
        failureLimit: config.authFailureLimit,
      }),
      publishRate: config.publishRate,
      listener: {
        connected: (sn) => this.sessions.connected(sn),
        disconnected: (sn) => this.sessions.disconnected(sn),
        message: (sn, topic, payload) => {
          this.sessions.touch(sn);
          return this.router.dispatch(sn, topic, payload);
        },
      },
    });
  }

  static async start(
    config: GatewayConfig,
    opts: { clock?: Clock; logger?: Logger; logSink?: LogSink } = {},
  ): Promise<Gateway> {
    const logSink = opts.logSink ?? new LogSink(1);
    const logger = opts.logger ?? createLogger(config.logLevel, { sink: logSink });
    const store = await openStore(config.data);
    const gw = new Gateway(config, store, logger, opts.clock ?? systemClock);
    gw.metrics.reportDroppedLogLines(() => logSink.dropped);
    try {
      await gw.listen();
    } catch (err) {
      await gw.stop();
      throw err;
    }
    return gw;
  }

  private async listen(): Promise<void> {
    const c = this.config;
    await this.sessions.start();
    await this.broker.start();
    const tls = c.tlsCert && c.tlsKey ? { cert: readFileSync(c.tlsCert), key: readFileSync(c.tlsKey) } : undefined;
    const mqtt = await this.broker.listenTcp(c.mqttPort, c.host).catch((err) => {
      throw portError(err, 'MQTT', c.mqttPort, '--mqtt-port');
    });
    const mqtts = tls
      ? await this.broker.listenTls(c.mqttTlsPort, c.host, tls.cert, tls.key).catch((err) => {
          throw portError(err, 'MQTT TLS', c.mqttTlsPort, '--mqtt-tls-port');
        })
      : null;
    this.http = await createHttpServer({
      logger: this.logger,
      metrics: this.metrics,
      store: this.store,
      provisioning: this.provisioning,
      enterprises: this.enterprises,
      tokens: this.tokens,
      adminTokenOverride: c.adminToken,
      endpoints: () => this.endpoints(),
      disconnect: (sn) => this.broker.disconnect(sn),
      ready: async () => {
        await this.store.ping();
        return this.stopping === null;
      },
      https: tls,
    });
    this.broker.attachWebSocket(this.http.server, '/mqtt');
    await this.http.listen({ port: c.httpPort, host: c.host }).catch((err) => {
      throw portError(err, 'HTTP', c.httpPort, '--http-port');
    });
    const host = c.host === '0.0.0.0' || c.host === '::' ? '127.0.0.1' : c.host;
    const httpPort = (this.http.server.address() as AddressInfo).port;
    const scheme = tls ? 'https' : 'http';
    this.urls = {
      mqtt: `mqtt://${host}:${(mqtt.address() as AddressInfo).port}`,
      mqtts: mqtts ? `mqtts://${host}:${(mqtts.address() as AddressInfo).port}` : null,
      http: `${scheme}://${host}:${httpPort}`,
      ws: `${tls ? 'wss' : 'ws'}://${host}:${httpPort}/mqtt`,
      public: c.publicUrl,
    };
    await this.tokens.adminToken();
    this.logger.info({ ...this.urls }, 'gateway ready');
  }

  /** The MQTT endpoint devices are provisioned with: TLS when the gateway serves it. */
  endpoints(): { mqttUrl: string; publicUrl: string } {
    const host = new URL(this.config.publicUrl).hostname;
    const mqttUrl = this.urls?.mqtts
      ? `mqtts://${host}:${new URL(this.urls.mqtts).port}`
      : `mqtt://${host}:${this.urls ? new URL(this.urls.mqtt).port : this.config.mqttPort}`;
    return { mqttUrl, publicUrl: this.config.publicUrl };
  }

  /** Stops accepting, disconnects devices, flushes state and closes the store. Idempotent. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await this.broker.close().catch((err) => this.logger.error({ err }, 'broker close failed'));
      await this.http?.close().catch((err) => this.logger.error({ err }, 'http close failed'));
      await this.sessions.stop().catch((err) => this.logger.error({ err }, 'presence flush failed'));
      await this.store.close();
      this.logger.info('gateway stopped');
    })();
    return this.stopping;
  }
}
