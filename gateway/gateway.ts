// The gateway process: store → modules (with --redis first what the nodes share; then sessions,
// outbox, binding, webhooks, directory, records, door, templates, enrollment, ota, rollouts,
// conformance harness, serial bridge) → broker → HTTP, started in that order and stopped in reverse.
import { mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Clock, systemClock } from '../protocol/clock.js';
import { HwbindError } from '../protocol/errors.js';
import { parsePortSpec } from '../protocol/serial-link.js';
import { DirectorySync } from './attendance/directory-sync.js';
import { DoorService } from './attendance/door.js';
import { Enrollments } from './attendance/enrollment.js';
import { Records } from './attendance/records.js';
import { TemplateSync } from './attendance/templates.js';
import { Tokens } from './auth/tokens.js';
import { PersonDevices } from './binding/devices.js';
import { BindingService } from './binding/service.js';
import { DeviceBroker } from './broker/broker.js';
import { DeviceAuthenticator } from './broker/device-auth.js';
import { ReplayCache } from './broker/replay-cache.js';
import { FailureThrottle } from './broker/throttle.js';
import { Cluster } from './cluster/cluster.js';
import { defaultNodeId } from './cluster/nodes.js';
import { RedisConnection } from './cluster/redis.js';
import type { GatewayConfig } from './config.js';
import { ConformanceHarness } from './conformance/harness.js';
import { Enterprises } from './corp/directory.js';
import { DeviceLinks } from './devices/link.js';
import { Outbox } from './devices/outbox.js';
import { MessageRouter } from './devices/router.js';
import { DeviceSessions } from './devices/sessions.js';
import { createHttpServer } from './http/server.js';
import { createLogger, type Logger, LogSink } from './logger.js';
import { Metrics } from './metrics.js';
import { type GatewayModule, startModules, stopModules } from './module.js';
import { PersonEvents } from './notifications/events.js';
import { WebhookDeliveries } from './notifications/webhooks.js';
import { FirmwareCatalog } from './ota/catalog.js';
import { FirmwareJobs } from './ota/jobs.js';
import { Rollouts } from './ota/rollouts.js';
import { recordEndpoints } from './provisioning/endpoints.js';
import { Provisioning } from './provisioning/provisioning.js';
import { SerialBridge } from './serial/bridge.js';
import { PostgresStore } from './store/postgres.js';
import { NONCE_JOURNAL, SqliteStore } from './store/sqlite.js';
import type { Store } from './store/types.js';

export interface GatewayUrls {
  mqtt: string;
  mqtts: string | null;
  http: string;
  ws: string;
  public: string;
}

/**
 * Opens the store, migrated: PostgreSQL at `storeUrl`, else the embedded SQLite store in `dataDir`.
 * On PostgreSQL a gateway (`deviceNonces`) keeps its device nonce journal in `dataDir`; offline
 * commands authenticate no device and need none.
 */
export async function openStore(
  dataDir: string,
  storeUrl: string | null = null,
  opts: { deviceNonces?: boolean } = {},
): Promise<Store> {
  let store: Store;
  if (storeUrl) {
    if (opts.deviceNonces) mkdirSync(dataDir, { recursive: true });
    store = new PostgresStore(storeUrl, opts.deviceNonces ? join(dataDir, NONCE_JOURNAL) : null);
  } else store = new SqliteStore(dataDir);
  try {
    await store.migrate();
  } catch (err) {
    // A data directory this hwbind cannot use (a newer schema) is left as it was: closed, no side files.
    await store.close();
    throw err;
  }
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

/** 127.0.0.0/8, ::1 and localhost. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

export class Gateway {
  readonly metrics = new Metrics();
  readonly provisioning: Provisioning;
  readonly enterprises: Enterprises;
  readonly tokens: Tokens;
  readonly catalog: FirmwareCatalog;
  readonly events = new PersonEvents();
  readonly links: DeviceLinks;
  readonly router: MessageRouter;
  readonly sessions: DeviceSessions;
  readonly outbox: Outbox;
  readonly binding: BindingService;
  readonly devices: PersonDevices;
  readonly webhooks: WebhookDeliveries;
  readonly directory: DirectorySync;
  readonly records: Records;
  readonly door: DoorService;
  readonly templates: TemplateSync;
  readonly enrollments: Enrollments;
  readonly firmware: FirmwareJobs;
  readonly rollouts: Rollouts;
  readonly broker: DeviceBroker;
  /** Devices on serial lines: a device link beside the broker, started last among the modules. */
  readonly serial: SerialBridge;
  /** What several nodes share in Redis (--redis); null on one node. */
  readonly cluster: Cluster | null;
  readonly harness: ConformanceHarness;
  /** The gateway's concerns, started in this order after the store and stopped in reverse. */
  readonly modules: GatewayModule[];
  http!: FastifyInstance;
  urls!: GatewayUrls;
  private started: GatewayModule[] = [];
  private stopping: Promise<void> | null = null;

  private constructor(
    readonly config: GatewayConfig,
    readonly store: Store,
    readonly logger: Logger,
    readonly clock: Clock,
    redis: RedisConnection | null,
  ) {
    const log = (component: string) => logger.child({ component });
    this.provisioning = new Provisioning(store, clock);
    this.enterprises = new Enterprises(store, clock);
    this.tokens = new Tokens(store, clock);
    this.catalog = new FirmwareCatalog(store, config.data, clock);
    this.links = new DeviceLinks({
      connected: (sn) => {
        this.metrics.connectedDevices.set(this.links.count);
        this.cluster?.connected(sn);
        this.sessions.connected(sn);
      },
      disconnected: (sn) => {
        this.metrics.connectedDevices.set(this.links.count);
        const movedAway = this.cluster?.disconnected(sn) ?? false;
        this.sessions.disconnected(sn, movedAway);
      },
      message: (sn, topic, payload) => {
        this.sessions.touch(sn);
        // An answer to a message another node sent is handled there, where its request waits.
        return this.cluster?.route.forward(sn, topic, payload) ?? this.router.dispatch(sn, topic, payload);
      },
    });
    this.router = new MessageRouter((sn, topic, env) => this.links.send(sn, topic, env), log('router'), this.metrics);
    this.cluster = redis
      ? new Cluster(redis, {
          nodeId: config.nodeId ?? defaultNodeId(config.httpPort),
          store,
          clock,
          logger,
          links: this.links,
          events: this.events,
          handle: (sn, topic, payload) => this.router.dispatch(sn, topic, payload),
        })
      : null;
    this.sessions = new DeviceSessions({
      store,
      clock,
      logger: log('sessions'),
      metrics: this.metrics,
      heartbeatIntervalS: config.heartbeatInterval,
      disconnect: (sn) => this.links.disconnect(sn),
      sharedPresence: this.cluster !== null,
    });
    this.sessions.register(this.router);
    this.outbox = new Outbox({ store, links: this.links, router: this.router, clock, logger: log('outbox') });
    this.binding = new BindingService({
      store,
      clock,
      logger: log('binding'),
      metrics: this.metrics,
      links: this.links,
      outbox: this.outbox,
      events: this.events,
      publicUrl: config.publicUrl,
    });
    this.devices = new PersonDevices(store, this.links, this.binding);
    this.webhooks = new WebhookDeliveries({
      store,
      clock,
      logger: log('webhooks'),
      metrics: this.metrics,
      duty: this.cluster?.duty('webhooks'),
    });
    this.directory = new DirectorySync({
      store,
      logger: log('directory'),
      binding: this.binding,
      outbox: this.outbox,
      router: this.router,
    });
    // After an import: the directories first (the people), then the templates they bring or take.
    this.enterprises.on('directory', (corpId) => {
      this.directory
        .corpChanged(corpId)
        .then(() => this.templates.corpChanged(corpId))
        .catch((err) => logger.error({ err, corp: corpId }, 'directory and template sync after an import failed'));
    });
    this.records = new Records({
      store,
      router: this.router,
      directory: this.directory,
      binding: this.binding,
      clock,
      logger: log('records'),
      metrics: this.metrics,
    });
    this.door = new DoorService({
      store,
      links: this.links,
      router: this.router,
      outbox: this.outbox,
      binding: this.binding,
      clock,
      logger: log('door'),
    });
    this.templates = new TemplateSync({ store, outbox: this.outbox, binding: this.binding, logger: log('templates') });
    this.enrollments = new Enrollments({
      store,
      clock,
      logger: log('enrollment'),
      links: this.links,
      router: this.router,
      sessions: this.sessions,
      binding: this.binding,
      events: this.events,
      templates: this.templates,
      shared: this.cluster !== null,
    });
    // A dead node's enrollments: those of its devices end, the others' deadlines are taken over here.
    this.cluster?.nodes.on('gone', () => {
      this.enrollments.review().catch((err) => logger.error({ err }, 'reviewing enrollments after a node died failed'));
    });
    // A new template changes the enrolled kinds in the directories holding its person.
    this.enrollments.on('templateStored', (corpId, vendor, userid) => {
      this.directory
        .enrolled(corpId, vendor, userid)
        .catch((err) => logger.error({ err, corp: corpId, userid }, 'directory sync after an enrollment failed'));
    });
    this.firmware = new FirmwareJobs({
      store,
      clock,
      logger: log('ota'),
      router: this.router,
      outbox: this.outbox,
      sessions: this.sessions,
      binding: this.binding,
      events: this.events,
      catalog: this.catalog,
      links: this.links,
      chunkSize: config.otaChunkSize,
      concurrency: config.otaConcurrency,
      shared: this.cluster !== null,
    });
    this.rollouts = new Rollouts({
      store,
      clock,
      logger: log('rollouts'),
      binding: this.binding,
      catalog: this.catalog,
      jobs: this.firmware,
      duty: this.cluster?.duty('rollouts'),
    });
    // What a device gets after each hello, in order: the HelloAck (with the active binding and the
    // latest directory version), then a wipe if it holds a binding removed while it was away, then a
    // full directory sync if its version is stale, then every unanswered outbox message, then the
    // templates it lacks (after the resend, so a new TemplateSync is sent once).
    this.sessions.addHelloAckPart((sn) => this.binding.helloAckPart(sn));
    this.sessions.addHelloAckPart((sn) => this.directory.helloAckPart(sn));
    this.sessions.addAfterHello('binding', (sn, hello) => this.binding.reconcile(sn, hello));
    this.sessions.addAfterHello('directory', (sn, hello) => this.directory.afterHello(sn, hello));
    this.sessions.addAfterHello('outbox', (sn) => this.outbox.resend(sn));
    this.sessions.addAfterHello('templates', (sn) => this.templates.reconcile(sn));
    // One authenticator for every transport: a nonce used on one is used on all, and so are throttles
    // (with several nodes, on every node).
    const cluster = this.cluster;
    const auth = new DeviceAuthenticator({
      store,
      clock,
      nonces: cluster?.nonces ?? new ReplayCache({ store, clock, logger: log('auth'), metrics: this.metrics }),
      throttle: (scope, limit) => cluster?.throttle(scope, limit) ?? new FailureThrottle(clock, limit),
      failureLimit: config.authFailureLimit,
    });
    this.broker = this.links.attach(
      (listener) =>
        new DeviceBroker({
          clock,
          logger: log('broker'),
          metrics: this.metrics,
          auth,
          publishRate: config.publishRate,
          maxPendingConnects: config.maxPendingConnects,
          listener,
        }),
    );
    this.serial = this.links.attach(
      (listener) =>
        new SerialBridge({
          ports: config.serial.map(parsePortSpec),
          clock,
          logger: log('serial'),
          metrics: this.metrics,
          auth,
          publishRate: config.publishRate,
          listener,
        }),
    );
    this.harness = new ConformanceHarness({ store, links: this.links, clock, logger: log('conformance') });
    this.modules = [
      ...(this.cluster ? [...this.cluster.modules, this.cluster.ranges(this.directory)] : []),
      this.sessions,
      this.outbox,
      this.binding,
      this.webhooks,
      this.directory,
      this.records,
      this.door,
      this.templates,
      this.enrollments,
      this.firmware,
      this.rollouts,
      this.harness,
      this.serial,
    ];
  }

  static async start(
    config: GatewayConfig,
    opts: { clock?: Clock; logger?: Logger; logSink?: LogSink } = {},
  ): Promise<Gateway> {
    const logSink = opts.logSink ?? new LogSink(1);
    const logger = opts.logger ?? createLogger(config.logLevel, { sink: logSink });
    // Redis first: a node that cannot reach it stops before it touches the data directory.
    const redis = config.redis ? await RedisConnection.open(config.redis, logger.child({ component: 'redis' })) : null;
    let store: Store;
    try {
      // With Redis the nodes claim nonces there: no journal of this node's own.
      store = await openStore(config.data, config.store, { deviceNonces: !redis });
    } catch (err) {
      await redis?.close();
      throw err;
    }
    const gw = new Gateway(config, store, logger, opts.clock ?? systemClock, redis);
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
    this.started = await startModules(this.modules);
    await this.broker.start();
    const tls = c.tlsCert && c.tlsKey ? { cert: readFileSync(c.tlsCert), key: readFileSync(c.tlsKey) } : undefined;
    // Next to TLS, clear-text MQTT stays on loopback unless asked for: a device must not be able to
    // send its credentials in clear by mistake (Mosquitto 2 likewise listens on loopback by default).
    const plainHost = tls ? (c.plainHost ?? '127.0.0.1') : c.host;
    const mqtt = await this.broker.listenTcp(c.mqttPort, plainHost).catch((err) => {
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
      catalog: this.catalog,
      rollouts: this.rollouts,
      tokens: this.tokens,
      adminTokenOverride: c.adminToken,
      endpoints: () => this.endpoints(),
      disconnect: (sn) => this.links.disconnect(sn),
      harness: this.harness,
      binding: this.binding,
      devices: this.devices,
      events: this.events,
      records: this.records,
      door: this.door,
      enrollments: this.enrollments,
      firmware: this.firmware,
      publicUrl: c.publicUrl,
      clock: this.clock,
      ready: async () => {
        await this.store.ping();
        // A node that cannot reach Redis cannot reach the other nodes' devices, nor refuse a replay.
        await this.cluster?.redis.commands.ping();
        return this.stopping === null;
      },
      https: tls,
    });
    this.broker.attachWebSocket(this.http.server, '/mqtt');
    await this.http.listen({ port: c.httpPort, host: c.host }).catch((err) => {
      throw portError(err, 'HTTP', c.httpPort, '--http-port');
    });
    const shown = (h: string) => (h === '0.0.0.0' || h === '::' ? '127.0.0.1' : h);
    const host = shown(c.host);
    const httpPort = (this.http.server.address() as AddressInfo).port;
    const scheme = tls ? 'https' : 'http';
    this.urls = {
      mqtt: `mqtt://${shown(plainHost)}:${(mqtt.address() as AddressInfo).port}`,
      mqtts: mqtts ? `mqtts://${host}:${(mqtts.address() as AddressInfo).port}` : null,
      http: `${scheme}://${host}:${httpPort}`,
      ws: `${tls ? 'wss' : 'ws'}://${host}:${httpPort}/mqtt`,
      public: c.publicUrl,
    };
    await this.tokens.adminToken();
    // Offline `hwbind vendor device add|bundle` on this data directory provision devices with these.
    await recordEndpoints(this.store, this.endpoints());
    if (!isLoopback(plainHost)) {
      this.logger.warn(
        { host: plainHost, port: (mqtt.address() as AddressInfo).port },
        tls
          ? 'clear-text MQTT listens beyond loopback next to TLS (--plain-host): credentials can cross the network in clear'
          : 'MQTT and HTTP listen beyond loopback without TLS: device credentials and login tokens cross the network in clear; give --tls-cert and --tls-key',
      );
    }
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
      await stopModules(this.started, (module, err) => this.logger.error({ err, module }, 'module stop failed'));
      await this.cluster?.close();
      await this.store.close();
      this.logger.info('gateway stopped');
    })();
    return this.stopping;
  }
}
