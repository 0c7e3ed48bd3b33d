// The HTTP API, declared once: each endpoint's name, method, path, JSON Schemas and success status.
// The TypeScript types of its request and response are derived from those schemas (FromSchema), so
// the gateway's routes (gateway/http/route.ts), the typed client (api-client.ts: the CLI's remote
// mode, the fleet simulator) and the OpenAPI document at /docs cannot drift apart.
//
// Adding an endpoint: append one object to API, then register it in the gateway with
// `route(app, API['group.verb'], async (req) => answer)` and call it with
// `client.call('group.verb', {params, query, body})`.
//   name      'group.verb', unique; the group is the OpenAPI tag, the whole name its operationId
//   method    GET, POST, PUT, PATCH or DELETE
//   path      the full path; path parameters are ':name' segments (strings; their schema and type
//             come from the path)
//   query     an object schema of scalar properties (the client leaves out undefined values)
//   body      a JSON schema; or {type: 'string'} with bodyType 'text/csv' or 'application/yaml'; or
//             BINARY with bodyType 'application/octet-stream' (the handler gets a Buffer, the client
//             sends a Uint8Array), with bodyLimit in bytes when it may exceed the server's default
//   status    the success status: 200 (the default), 201, 202, or 204 (then no response)
//   response  the JSON schema of the success body; every property the answer carries must be declared
//             (the gateway serializes with it and drops undeclared ones)
//   csv       true when the endpoint also answers text/csv: its query declares `format` ('json' |
//             'csv'), its handler returns the CSV text as a string, and the client reads it with
//             client.csv(name, …)
// Who may call an endpoint is the gateway's business: the client sends its one token as
// `Authorization: Bearer …` (the admin token for admin.*, a person's token for the Person API), and
// the gateway registers each group's routes in a fastify scope of their own with the group's token
// check as an onRequest hook and no prefix (paths are absolute), as gateway/http/admin-routes.ts does.
// Errors are not declared per endpoint: every one answers ERROR_BODY with the HTTP status of
// gateway/http/errors.ts, and the client turns it back into HwbindError.
//
// Schemas are plain literals; FromSchema understands `type` (one name or a list such as
// ['string', 'null']), `enum`, `anyOf`, `items`, `properties` with `required`, and objects without
// properties (a record of unknown values).
import { BIOMETRIC_KINDS, ENROLLMENT_STATUSES, ENROLLMENT_TIMEOUT_S } from './biometrics.js';
import { CAPABILITIES } from './capabilities.js';
import { ERROR_CODES } from './errors.js';
import { FW_MAX_IMAGE_SIZE } from './firmware.js';
import { FIRMWARE_JOB_STATES } from './ota.js';
import { DIRECTIONS, METHODS } from './records.js';
import type { SlotStateName } from './slots.js';
import { TOPICS, type TopicSpec } from './topics.js';

/** A JSON Schema, kept as a literal so FromSchema can read it. */
export type Schema = { readonly [keyword: string]: unknown };

export interface Endpoint {
  readonly name: `${string}.${string}`;
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: `/${string}`;
  readonly summary: string;
  readonly query?: Schema & { readonly type: 'object' };
  readonly body?: Schema;
  readonly bodyType?: 'text/csv' | 'application/yaml' | 'application/octet-stream';
  readonly bodyLimit?: number;
  readonly status?: 200 | 201 | 202 | 204;
  readonly response?: Schema;
  readonly csv?: true;
}

// --- Types from schemas -------------------------------------------------------------------------

/** The TypeScript type of the values a JSON Schema literal accepts. */
export type FromSchema<S> = S extends { readonly format: 'binary' }
  ? Uint8Array
  : S extends { readonly anyOf: readonly (infer U)[] }
    ? FromSchema<U>
    : S extends { readonly enum: readonly (infer V)[] }
      ? V
      : S extends { readonly type: readonly (infer T)[] }
        ? FromTypeName<T, S>
        : S extends { readonly type: infer T }
          ? FromTypeName<T, S>
          : unknown;

type FromTypeName<T, S> = T extends 'string'
  ? string
  : T extends 'integer' | 'number'
    ? number
    : T extends 'boolean'
      ? boolean
      : T extends 'null'
        ? null
        : T extends 'array'
          ? S extends { readonly items: infer I }
            ? FromSchema<I>[]
            : unknown[]
          : T extends 'object'
            ? FromObject<S>
            : never;

type RequiredKeys<S> = S extends { readonly required: readonly (infer K)[] } ? K : never;
type Flatten<T> = { [K in keyof T]: T[K] };
type FromObject<S> = S extends { readonly properties: infer P }
  ? Flatten<
      { -readonly [K in keyof P as K extends RequiredKeys<S> ? K : never]: FromSchema<P[K]> } & {
        -readonly [K in keyof P as K extends RequiredKeys<S> ? never : K]?: FromSchema<P[K]>;
      }
    >
  : Record<string, unknown>;

/** The ':name' segments of a path. */
export type PathParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

export const pathParamNames = (path: string): string[] => [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!);

export type ParamsOf<E extends Endpoint> = { [K in PathParamNames<E['path']>]: string };
export type QueryOf<E extends Endpoint> = E extends { query: infer Q } ? FromSchema<Q> : Record<string, never>;
export type BodyOf<E extends Endpoint> = E extends { body: infer B } ? FromSchema<B> : undefined;
/** What a successful call answers: the response's type, or nothing for 204. */
export type ResponseOf<E extends Endpoint> = E extends { response: infer R } ? FromSchema<R> : undefined;

/** The parts of a request an endpoint takes; a part with nothing required may be left out. */
export type RequestOf<E extends Endpoint> = Flatten<
  ([PathParamNames<E['path']>] extends [never] ? unknown : { params: ParamsOf<E> }) &
    (E extends { query: infer Q }
      ? Record<string, never> extends FromSchema<Q>
        ? { query?: FromSchema<Q> }
        : { query: FromSchema<Q> }
      : unknown) &
    (E extends { body: infer B } ? { body: FromSchema<B> } : unknown)
>;

// --- Shared schemas -----------------------------------------------------------------------------

const str = { type: 'string' } as const;
const bool = { type: 'boolean' } as const;
const int = { type: 'integer' } as const;
const strOrNull = { type: ['string', 'null'] } as const;
const strings = { type: 'array', items: str } as const;
const capabilities = { type: 'array', items: { type: 'string', enum: CAPABILITIES } } as const;

const SLOT_STATES = ['empty', 'confirmed', 'pending_verify', 'invalid'] as const satisfies readonly SlotStateName[];
const ROLES = ['super_admin', 'admin', 'member'] as const;

/** Every error answer: {error: {code, message, details?}} (codes: protocol/errors.ts). */
export const ERROR_BODY = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: Object.keys(ERROR_CODES) },
        message: str,
        details: { type: 'object', additionalProperties: true },
      },
    },
  },
} as const;

const MODEL = {
  type: 'object',
  required: ['id', 'name', 'vendor', 'capabilities', 'vendorKey', 'createdAt'],
  properties: { id: str, name: str, vendor: str, capabilities, vendorKey: strOrNull, createdAt: int },
} as const;

const BATCH = {
  type: 'object',
  required: ['id', 'modelId', 'seed', 'createdAt'],
  properties: { id: str, modelId: str, seed: str, createdAt: int },
} as const;

const BINDING_STATUS = { type: 'string', enum: ['pending', 'active', 'removed'] } as const;

/** A registered device as the admin API shows it: everything but its secret, with its live binding. */
const DEVICE = {
  type: 'object',
  required: [
    'sn',
    'modelId',
    'batchId',
    'remark',
    'disabled',
    'firmwareVersion',
    'slots',
    'capabilities',
    'online',
    'lastSeen',
    'createdAt',
    'binding',
  ],
  properties: {
    sn: str,
    modelId: str,
    batchId: strOrNull,
    remark: strOrNull,
    disabled: bool,
    firmwareVersion: strOrNull,
    slots: {
      type: 'array',
      items: {
        type: 'object',
        required: ['index', 'version', 'sha256', 'state', 'active'],
        properties: {
          index: int,
          version: str,
          sha256: str,
          state: { type: 'string', enum: SLOT_STATES },
          active: bool,
        },
      },
    },
    capabilities,
    online: bool,
    lastSeen: { type: ['integer', 'null'] },
    createdAt: int,
    binding: {
      anyOf: [
        { type: 'null' },
        {
          type: 'object',
          required: ['id', 'corp', 'status', 'boundBy', 'boundAt', 'activatedAt'],
          properties: {
            id: str,
            corp: str,
            status: BINDING_STATUS,
            boundBy: str,
            boundAt: int,
            activatedAt: { type: ['integer', 'null'] },
          },
        },
      ],
    },
  },
} as const;

/** protocol/bundle.ts's ProvisioningBundle (a type test keeps the two equal). */
export const BUNDLE = {
  type: 'object',
  required: ['sn', 'secret', 'model', 'capabilities', 'mqttUrl', 'publicUrl'],
  properties: { sn: str, secret: str, model: str, capabilities, mqttUrl: str, publicUrl: str },
} as const;

const CORP = {
  type: 'object',
  required: ['id', 'name', 'memberBinding', 'createdAt'],
  properties: { id: str, name: str, memberBinding: bool, createdAt: int },
} as const;

const DIRECTORY = {
  type: 'object',
  required: ['departments', 'members', 'apps'],
  properties: {
    departments: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'parentId'],
        properties: { id: str, name: str, parentId: strOrNull },
      },
    },
    members: {
      type: 'array',
      items: {
        type: 'object',
        required: ['userid', 'name', 'role', 'canBindDevices', 'departments', 'visibility'],
        properties: {
          userid: str,
          name: str,
          role: { type: 'string', enum: ROLES },
          canBindDevices: bool,
          departments: strings,
          visibility: {
            type: 'object',
            required: ['departments', 'users'],
            properties: { departments: strings, users: strings },
          },
        },
      },
    },
    apps: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'admins'],
        properties: { id: str, name: str, admins: strings },
      },
    },
  },
} as const;

const IMPORT_RESULT = {
  type: 'object',
  required: ['imported', 'skipped', 'errors'],
  properties: {
    imported: int,
    skipped: int,
    errors: {
      type: 'array',
      items: { type: 'object', required: ['line', 'sn', 'message'], properties: { line: int, sn: str, message: str } },
    },
  },
} as const;

/** A response of one property holding `schema`. */
const one = <const K extends string, const S extends Schema>(key: K, schema: S) =>
  ({ type: 'object', required: [key], properties: { [key]: schema } as { [P in K]: S } }) as const;

const USABLE_RANGE = {
  type: 'object',
  required: ['departments', 'users'],
  properties: { departments: strings, users: strings },
} as const;
/** A device as the person managing it sees it (gateway/binding/devices.ts DeviceDetail). */
const DEVICE_DETAIL = {
  type: 'object',
  required: [
    'sn',
    'model',
    'modelName',
    'capabilities',
    'name',
    'remark',
    'online',
    'lastSeen',
    'firmware',
    'binding',
    'admins',
  ],
  properties: {
    sn: str,
    model: str,
    modelName: str,
    capabilities,
    name: str,
    remark: strOrNull,
    online: bool,
    lastSeen: { type: ['integer', 'null'] },
    firmware: {
      type: 'object',
      required: ['version', 'slots'],
      properties: { version: strOrNull, slots: DEVICE.properties.slots },
    },
    binding: {
      type: 'object',
      required: ['id', 'status', 'boundBy', 'boundByName', 'boundAt', 'activatedAt', 'usableRange', 'apps'],
      properties: {
        id: str,
        status: BINDING_STATUS,
        boundBy: str,
        boundByName: str,
        boundAt: int,
        activatedAt: { type: ['integer', 'null'] },
        usableRange: USABLE_RANGE,
        apps: strings,
      },
    },
    admins: {
      type: 'array',
      items: {
        type: 'object',
        required: ['userid', 'name', 'role'],
        properties: { userid: str, name: str, role: { type: 'string', enum: ROLES } },
      },
    },
  },
} as const;
/** How a person names a device: a scanned device QR URL (plus the code of a label QR), or SN + code. */
const DEVICE_TARGET = {
  qr: { type: 'string', maxLength: 2048 },
  sn: { type: 'string', maxLength: 128 },
  verifyCode: { type: 'string', maxLength: 16 },
} as const;
const PARTIAL_RANGE = {
  type: 'object',
  properties: { departments: strings, users: strings },
  additionalProperties: false,
} as const;
const CORP_SETTINGS = {
  type: 'object',
  required: ['memberBinding', 'webhook'],
  properties: {
    memberBinding: bool,
    webhook: {
      anyOf: [
        { type: 'null' },
        { type: 'object', required: ['url', 'allowedHosts'], properties: { url: str, allowedHosts: strings } },
      ],
    },
  },
} as const;

/** Filters and paging of the records lists (keyset paging: `cursor` = the previous page's `next`). */
const RECORDS_QUERY = {
  type: 'object',
  properties: {
    from: { type: 'integer', minimum: 0 },
    to: { type: 'integer', minimum: 0 },
    userid: str,
    limit: { type: 'integer', minimum: 1, maximum: 1000 },
    cursor: { type: 'string', maxLength: 512 },
    order: { type: 'string', enum: ['desc', 'asc'] },
    refused: bool,
    format: { type: 'string', enum: ['json', 'csv'] },
  },
} as const;
const RECORDS_PAGE = {
  type: 'object',
  required: ['records', 'next'],
  properties: {
    records: {
      type: 'array',
      items: {
        type: 'object',
        required: ['sn', 'seq', 'userid', 'name', 'ts', 'direction', 'method', 'status'],
        properties: {
          sn: str,
          seq: int,
          userid: str,
          name: str,
          ts: int,
          direction: { type: 'string', enum: DIRECTIONS },
          method: { type: 'string', enum: METHODS },
          status: { type: 'string', enum: ['stored', 'refused'] },
          reason: str,
        },
      },
    },
    next: strOrNull,
  },
} as const;
const RECORDS_SUMMARY =
  'newest first (order=asc: oldest first); from inclusive, to exclusive (Unix ms); device admins also see refused records (status refused, reason), refused=true lists only those; format=csv exports every matching record';
/** A face or fingerprint enrollment (gateway/attendance/enrollment.ts); `code` says why it failed or timed out. */
const ENROLLMENT = {
  type: 'object',
  required: [
    'id',
    'sn',
    'userid',
    'kind',
    'status',
    'percent',
    'samples',
    'samplesRequired',
    'hint',
    'code',
    'requestedBy',
    'timeoutS',
    'createdAt',
    'updatedAt',
    'endedAt',
    'template',
  ],
  properties: {
    id: str,
    sn: str,
    userid: str,
    kind: { type: 'string', enum: BIOMETRIC_KINDS },
    status: { type: 'string', enum: ENROLLMENT_STATUSES },
    percent: int,
    samples: int,
    samplesRequired: int,
    hint: str,
    code: strOrNull,
    requestedBy: str,
    timeoutS: int,
    createdAt: int,
    updatedAt: int,
    endedAt: { type: ['integer', 'null'] },
    template: {
      anyOf: [
        { type: 'null' },
        { type: 'object', required: ['algorithm', 'sha256'], properties: { algorithm: str, sha256: str } },
      ],
    },
  },
} as const;

/** The down topics and the body cases the gateway sends on them (what the harness may hold back or inject on). */
const DOWN_TOPICS = Object.entries(TOPICS as Record<string, TopicSpec>)
  .filter(([, t]) => t.direction === 'down')
  .map(([name]) => name);
const DOWN_BODIES = [
  ...new Set(
    Object.values(TOPICS as Record<string, TopicSpec>)
      .filter((t) => t.direction === 'down')
      .flatMap((t) => t.bodies),
  ),
];
/** One thing the harness saw on a device's link (gateway/conformance/harness.ts). */
const HARNESS_EVENT = {
  type: 'object',
  required: ['n', 'at', 'kind', 'topic', 'body', 'id', 'replyTo', 'message', 'error', 'size'],
  properties: {
    n: int,
    at: int,
    kind: { type: 'string', enum: ['up', 'down', 'withheld', 'injected', 'connected', 'disconnected'] },
    topic: str,
    body: str,
    id: str,
    replyTo: str,
    message: { type: ['object', 'null'], additionalProperties: true },
    error: str,
    size: int,
  },
} as const;

/** A body of raw bytes (bodyType 'application/octet-stream'). */
const BINARY = { type: 'string', format: 'binary' } as const;
const intOrNull = { type: ['integer', 'null'] } as const;

/** A signed firmware image in the catalog (gateway/ota/catalog.ts); `sha256` is of the whole signed image. */
const FIRMWARE_RELEASE = {
  type: 'object',
  required: [
    'modelId',
    'version',
    'size',
    'sha256',
    'payloadSha256',
    'test',
    'buildTime',
    'releaseNotes',
    'publishedAt',
    'retiredAt',
  ],
  properties: {
    modelId: str,
    version: str,
    size: int,
    sha256: str,
    payloadSha256: str,
    test: bool,
    buildTime: int,
    releaseNotes: str,
    publishedAt: int,
    retiredAt: intOrNull,
  },
} as const;

/**
 * A firmware upgrade job (gateway/ota/jobs.ts). `percent` is of the download; `remainingS` estimates the
 * download's remaining time from its rate so far (null when not downloading); `code` says why it failed.
 */
const FIRMWARE_JOB = {
  type: 'object',
  required: [
    'id',
    'sn',
    'model',
    'version',
    'fromVersion',
    'state',
    'code',
    'message',
    'percent',
    'bytesDone',
    'size',
    'chunkSize',
    'remainingS',
    'requestedBy',
    'rolloutId',
    'createdAt',
    'updatedAt',
    'endedAt',
  ],
  properties: {
    id: str,
    sn: str,
    model: str,
    version: str,
    fromVersion: str,
    state: { type: 'string', enum: FIRMWARE_JOB_STATES },
    code: strOrNull,
    message: strOrNull,
    percent: int,
    bytesDone: int,
    size: int,
    /** FirmwareOffer.chunk_size of this job: the gateway's, or less for a device on a slow serial line. */
    chunkSize: int,
    remainingS: intOrNull,
    requestedBy: str,
    rolloutId: strOrNull,
    createdAt: int,
    updatedAt: int,
    endedAt: intOrNull,
  },
} as const;

const ROLLOUT_STATES = ['running', 'paused', 'aborted', 'completed'] as const;
/** A rollout with its live summary (gateway/ota/rollouts.ts); `devices` only from GET …/rollouts/:id. */
const ROLLOUT = {
  type: 'object',
  required: [
    'id',
    'model',
    'version',
    'target',
    'rate',
    'abortPercent',
    'abortMin',
    'allowDowngrade',
    'state',
    'reason',
    'createdAt',
    'updatedAt',
    'endedAt',
    'summary',
  ],
  properties: {
    id: str,
    model: str,
    version: str,
    target: {
      type: 'object',
      required: ['kind'],
      properties: {
        kind: { type: 'string', enum: ['model', 'department', 'list'] },
        corp: str,
        department: str,
        sns: strings,
      },
    },
    rate: { type: 'object', properties: { perMinute: int, waves: int } },
    abortPercent: { type: ['number', 'null'] },
    abortMin: int,
    allowDowngrade: bool,
    state: { type: 'string', enum: ROLLOUT_STATES },
    reason: strOrNull,
    createdAt: int,
    updatedAt: int,
    endedAt: intOrNull,
    summary: {
      type: 'object',
      required: [
        'devices',
        'waiting',
        'running',
        'succeeded',
        'failed',
        'rolledBack',
        'cancelled',
        'skipped',
        'failurePercent',
        'wave',
      ],
      properties: {
        devices: int,
        waiting: int,
        running: int,
        succeeded: int,
        failed: int,
        rolledBack: int,
        cancelled: int,
        skipped: int,
        failurePercent: { type: 'number' },
        wave: int,
      },
    },
    devices: {
      type: 'array',
      items: {
        type: 'object',
        required: ['sn', 'state', 'wave', 'jobId', 'jobState', 'code'],
        properties: {
          sn: str,
          state: { type: 'string', enum: ['waiting', 'started', 'skipped', 'cancelled'] },
          wave: { type: ['integer', 'null'] },
          jobId: strOrNull,
          jobState: { type: ['string', 'null'], enum: [...FIRMWARE_JOB_STATES, null] },
          code: strOrNull,
        },
      },
    },
  },
} as const;

// --- The endpoints ------------------------------------------------------------------------------

/** Indexes declarations by name (the name is also inside each, for the route and the docs). */
function byName<const T extends readonly Endpoint[]>(...endpoints: T): { readonly [E in T[number] as E['name']]: E } {
  return Object.fromEntries(endpoints.map((e) => [e.name, e])) as never;
}

export const API = byName(
  // Admin API: vendor provisioning and enterprise directories, with the gateway's admin token.
  {
    name: 'admin.listModels',
    method: 'GET',
    path: '/api/v1/admin/models',
    summary: 'List device models',
    response: one('models', { type: 'array', items: MODEL }),
  },
  {
    name: 'admin.addModel',
    method: 'POST',
    path: '/api/v1/admin/models',
    summary: 'Add a device model',
    body: {
      type: 'object',
      required: ['id', 'name', 'capabilities'],
      properties: {
        id: str,
        name: str,
        vendor: str,
        capabilities: { anyOf: [str, strings] },
        vendorKey: str,
      },
    },
    status: 201,
    response: one('model', MODEL),
  },
  {
    name: 'admin.createBatch',
    method: 'POST',
    path: '/api/v1/admin/batches',
    summary: 'Create a batch with a seed secret',
    body: { type: 'object', required: ['id', 'model'], properties: { id: str, model: str, seed: str } },
    status: 201,
    response: one('batch', BATCH),
  },
  {
    name: 'admin.listDevices',
    method: 'GET',
    path: '/api/v1/admin/devices',
    summary: 'List devices in SN order, optionally of one model, or only those online (or offline)',
    query: {
      type: 'object',
      properties: {
        model: str,
        online: bool,
        limit: { type: 'integer', minimum: 1, maximum: 10000 },
        offset: { type: 'integer', minimum: 0 },
      },
    },
    response: one('devices', { type: 'array', items: DEVICE }),
  },
  {
    name: 'admin.getDevice',
    method: 'GET',
    path: '/api/v1/admin/devices/:sn',
    summary: 'A registered device',
    response: DEVICE,
  },
  {
    name: 'admin.addDevice',
    method: 'POST',
    path: '/api/v1/admin/devices',
    summary: 'Register a device; answers its provisioning bundle',
    body: { type: 'object', required: ['sn'], properties: { sn: str, model: str, secret: str, batch: str } },
    status: 201,
    response: BUNDLE,
  },
  {
    name: 'admin.importDevices',
    method: 'POST',
    path: '/api/v1/admin/devices/import',
    summary: 'Import SNs from CSV (header: sn[,secret][,model]); all or nothing unless skipInvalid',
    query: { type: 'object', properties: { model: str, batch: str, skipInvalid: bool } },
    body: str,
    bodyType: 'text/csv',
    response: IMPORT_RESULT,
  },
  {
    name: 'admin.deviceBundle',
    method: 'GET',
    path: '/api/v1/admin/devices/:sn/bundle',
    summary: "A device's provisioning bundle",
    response: BUNDLE,
  },
  {
    name: 'admin.setDeviceDisabled',
    method: 'PUT',
    path: '/api/v1/admin/devices/:sn/disabled',
    summary: 'Disable or enable a device (disabling disconnects it)',
    body: { type: 'object', required: ['disabled'], properties: { disabled: bool } },
    response: { type: 'object', required: ['sn', 'disabled'], properties: { sn: str, disabled: bool } },
  },
  {
    name: 'admin.listCorps',
    method: 'GET',
    path: '/api/v1/admin/corps',
    summary: 'List enterprises',
    response: one('corps', { type: 'array', items: CORP }),
  },
  {
    name: 'admin.createCorp',
    method: 'POST',
    path: '/api/v1/admin/corps',
    summary: 'Create an enterprise (member binding off unless given)',
    body: { type: 'object', required: ['id', 'name'], properties: { id: str, name: str, memberBinding: bool } },
    status: 201,
    response: one('corp', CORP),
  },
  {
    name: 'admin.importDirectory',
    method: 'PUT',
    path: '/api/v1/admin/corps/:id/directory',
    summary: 'Replace the directory from a YAML or JSON file',
    body: str,
    bodyType: 'application/yaml',
    response: {
      type: 'object',
      required: ['corp', 'departments', 'members', 'apps'],
      properties: { corp: CORP, departments: int, members: int, apps: int },
    },
  },
  {
    name: 'admin.getDirectory',
    method: 'GET',
    path: '/api/v1/admin/corps/:id/directory',
    summary: "An enterprise's directory",
    response: DIRECTORY,
  },
  {
    name: 'admin.setCorpSettings',
    method: 'PUT',
    path: '/api/v1/admin/corps/:id/settings',
    summary: 'Switch member binding on or off',
    body: { type: 'object', required: ['memberBinding'], properties: { memberBinding: bool } },
    response: one('corp', CORP),
  },
  {
    name: 'admin.issueToken',
    method: 'POST',
    path: '/api/v1/admin/corps/:id/tokens',
    summary: 'Issue a login token for a person',
    body: { type: 'object', required: ['userid'], properties: { userid: str, ttl: str } },
    response: {
      type: 'object',
      required: ['token', 'expiresInS', 'loginUrl'],
      properties: { token: str, expiresInS: int, loginUrl: str },
    },
  },

  {
    name: 'admin.listFirmware',
    method: 'GET',
    path: '/api/v1/admin/firmware',
    summary: 'The firmware catalog, newest version first per model (retired versions with retired=true)',
    query: { type: 'object', properties: { model: str, retired: bool } },
    response: one('firmware', { type: 'array', items: FIRMWARE_RELEASE }),
  },
  {
    name: 'admin.publishFirmware',
    method: 'POST',
    path: '/api/v1/admin/firmware',
    summary:
      "Publish a signed HWFW image (the request body): accepted only when signed by its model's vendor key, for a registered model (= model when given), with a valid semantic version",
    query: { type: 'object', properties: { model: str, notes: { type: 'string', maxLength: 4000 } } },
    body: BINARY,
    bodyType: 'application/octet-stream',
    bodyLimit: FW_MAX_IMAGE_SIZE,
    status: 201,
    response: one('firmware', FIRMWARE_RELEASE),
  },
  {
    name: 'admin.retireFirmware',
    method: 'POST',
    path: '/api/v1/admin/firmware/:model/:version/retire',
    summary: 'Retire a version everywhere: no new upgrade or rollout offers it (running jobs finish)',
    response: one('firmware', FIRMWARE_RELEASE),
  },

  {
    name: 'admin.createRollout',
    method: 'POST',
    path: '/api/v1/admin/rollouts',
    summary:
      "Roll a catalog version out to the devices of its model, of a department (an enterprise's devices whose usable range holds it or a department below), or of a list, at a rate (perMinute, or waves doubling from the first: each after the previous one ended), aborting past a failure percentage",
    body: {
      type: 'object',
      required: ['model', 'version'],
      properties: {
        model: str,
        version: str,
        corp: str,
        department: str,
        sns: { type: 'array', items: str, minItems: 1, maxItems: 100_000 },
        perMinute: { type: 'integer', minimum: 1, maximum: 100_000 },
        waves: { type: 'integer', minimum: 1, maximum: 100_000 },
        abortPercent: { type: 'number', minimum: 0, maximum: 100 },
        abortMin: { type: 'integer', minimum: 1 },
        allowDowngrade: bool,
      },
      additionalProperties: false,
    },
    status: 201,
    response: one('rollout', ROLLOUT),
  },
  {
    name: 'admin.listRollouts',
    method: 'GET',
    path: '/api/v1/admin/rollouts',
    summary: 'Rollouts, newest first, with their live summaries',
    response: one('rollouts', { type: 'array', items: ROLLOUT }),
  },
  {
    name: 'admin.getRollout',
    method: 'GET',
    path: '/api/v1/admin/rollouts/:id',
    summary: 'A rollout: its live summary and each device with its job',
    response: ROLLOUT,
  },
  {
    name: 'admin.pauseRollout',
    method: 'POST',
    path: '/api/v1/admin/rollouts/:id/pause',
    summary: 'Start no more devices until resumed (jobs already started go on)',
    response: ROLLOUT,
  },
  {
    name: 'admin.resumeRollout',
    method: 'POST',
    path: '/api/v1/admin/rollouts/:id/resume',
    summary: 'Start devices again at the rollout rate',
    response: ROLLOUT,
  },
  {
    name: 'admin.abortRollout',
    method: 'POST',
    path: '/api/v1/admin/rollouts/:id/abort',
    summary: 'Stop the rollout: devices not started and jobs not yet taken by their device are cancelled',
    response: ROLLOUT,
  },

  // Person API (PRODUCT.md): pages, third-party apps and scripts, with a person's token. Live events
  // (GET /api/v1/events) are a server-sent-event stream, not JSON: gateway/http/person-routes.ts.
  {
    name: 'person.me',
    method: 'GET',
    path: '/api/v1/me',
    summary: 'Who I am, and whether I may bind devices now',
    response: {
      type: 'object',
      required: [
        'corp',
        'corpName',
        'userid',
        'name',
        'role',
        'canBindDevices',
        'deviceAdmin',
        'memberBinding',
        'unreadNotifications',
      ],
      properties: {
        corp: str,
        corpName: str,
        userid: str,
        name: str,
        role: { type: 'string', enum: ROLES },
        canBindDevices: bool,
        deviceAdmin: bool,
        memberBinding: bool,
        unreadNotifications: int,
      },
    },
  },
  {
    name: 'person.resolve',
    method: 'POST',
    path: '/api/v1/bind/resolve',
    summary: 'What a scanned device QR code (or SN + verification code) names, and what I may choose for it',
    body: { type: 'object', properties: DEVICE_TARGET },
    response: {
      type: 'object',
      required: ['device', 'choices'],
      properties: {
        device: {
          type: 'object',
          required: ['sn', 'model', 'modelName', 'capabilities', 'online', 'bound'],
          properties: { sn: str, model: str, modelName: str, capabilities, online: bool, bound: bool },
        },
        choices: {
          type: 'object',
          required: ['departments', 'users', 'apps'],
          properties: {
            departments: DIRECTORY.properties.departments,
            users: {
              type: 'array',
              items: { type: 'object', required: ['userid', 'name'], properties: { userid: str, name: str } },
            },
            apps: {
              type: 'array',
              items: {
                type: 'object',
                required: ['id', 'name', 'selectable'],
                properties: { id: str, name: str, selectable: bool, reason: str },
              },
            },
          },
        },
      },
    },
  },
  {
    name: 'person.bind',
    method: 'POST',
    path: '/api/v1/bindings',
    summary: 'Bind a device: pending until the device acknowledges, then active',
    body: {
      type: 'object',
      properties: { ...DEVICE_TARGET, usableRange: PARTIAL_RANGE, apps: strings },
    },
    status: 201,
    response: {
      type: 'object',
      required: ['sn', 'status', 'bindingId'],
      properties: { sn: str, status: BINDING_STATUS, bindingId: str },
    },
  },
  {
    name: 'person.listDevices',
    method: 'GET',
    path: '/api/v1/devices',
    summary: 'The devices I manage (a device admin: every device bound to the enterprise)',
    response: one('devices', { type: 'array', items: DEVICE_DETAIL }),
  },
  {
    name: 'person.getDevice',
    method: 'GET',
    path: '/api/v1/devices/:sn',
    summary: 'A device I manage',
    response: DEVICE_DETAIL,
  },
  {
    name: 'person.renameDevice',
    method: 'PATCH',
    path: '/api/v1/devices/:sn',
    summary: "Rename a device (its remark name; null or '' restores the default name)",
    body: { type: 'object', required: ['name'], properties: { name: strOrNull } },
    response: DEVICE_DETAIL,
  },
  {
    name: 'person.setDeviceApps',
    method: 'PUT',
    path: '/api/v1/devices/:sn/apps',
    summary: "Change a device's associated apps (a member only apps they administer)",
    body: { type: 'object', required: ['apps'], properties: { apps: strings } },
    response: { type: 'object', required: ['sn', 'apps'], properties: { sn: str, apps: strings } },
  },
  {
    name: 'person.unbind',
    method: 'DELETE',
    path: '/api/v1/devices/:sn/binding',
    summary: 'Remove a device from the enterprise (admins); the device wipes what the binding gave it',
    status: 204,
  },
  {
    name: 'person.notifications',
    method: 'GET',
    path: '/api/v1/me/notifications',
    summary: 'My notifications, newest first',
    query: {
      type: 'object',
      properties: { unread: bool, limit: { type: 'integer', minimum: 1, maximum: 500 } },
    },
    response: {
      type: 'object',
      required: ['notifications', 'unread'],
      properties: {
        notifications: {
          type: 'array',
          items: {
            type: 'object',
            required: ['id', 'kind', 'sn', 'text', 'link', 'createdAt', 'read'],
            properties: { id: str, kind: str, sn: str, text: str, link: str, createdAt: int, read: bool },
          },
        },
        unread: int,
      },
    },
  },
  {
    name: 'person.markNotificationsRead',
    method: 'POST',
    path: '/api/v1/me/notifications/read',
    summary: 'Mark notifications read (all of mine without ids)',
    body: { type: 'object', properties: { ids: strings } },
    response: { type: 'object', required: ['marked', 'unread'], properties: { marked: int, unread: int } },
  },
  {
    name: 'person.corpSettings',
    method: 'GET',
    path: '/api/v1/corp/settings',
    summary: "The enterprise's settings (super admins)",
    response: CORP_SETTINGS,
  },
  {
    name: 'person.setCorpSettings',
    method: 'PUT',
    path: '/api/v1/corp/settings',
    summary: 'Switch member binding on or off; set or clear the notification webhook (super admins)',
    body: {
      type: 'object',
      properties: {
        memberBinding: bool,
        webhook: {
          anyOf: [
            { type: 'null' },
            {
              type: 'object',
              required: ['url', 'secret', 'allowedHosts'],
              properties: { url: str, secret: str, allowedHosts: strings },
            },
          ],
        },
      },
    },
    response: CORP_SETTINGS,
  },
  {
    name: 'person.deviceRecords',
    method: 'GET',
    path: '/api/v1/devices/:sn/records',
    summary: `A device's attendance/access records (those of its current binding): ${RECORDS_SUMMARY}`,
    query: RECORDS_QUERY,
    response: RECORDS_PAGE,
    csv: true,
  },
  {
    name: 'person.records',
    method: 'GET',
    path: '/api/v1/records',
    summary: `Every attendance/access record of the enterprise (device admins): ${RECORDS_SUMMARY}`,
    query: RECORDS_QUERY,
    response: RECORDS_PAGE,
    csv: true,
  },
  {
    name: 'person.openDoor',
    method: 'POST',
    path: '/api/v1/devices/:sn/door',
    summary: "Open a device's door now; 504 device_timeout when the device does not answer within 3 s",
    response: one('result', {
      type: 'object',
      required: ['operationId', 'opened', 'code'],
      properties: { operationId: str, opened: bool, code: str },
    }),
  },
  {
    name: 'person.startEnrollment',
    method: 'POST',
    path: '/api/v1/devices/:sn/enrollments',
    summary:
      "Start capturing the face or fingerprint of a person in the device's usable range; progress and the end come as `enrollment` events (GET /api/v1/events)",
    body: {
      type: 'object',
      required: ['userid', 'kind'],
      properties: {
        userid: { type: 'string', minLength: 1, maxLength: 128 },
        kind: { type: 'string', enum: BIOMETRIC_KINDS },
        timeoutS: { type: 'integer', minimum: ENROLLMENT_TIMEOUT_S.min, maximum: ENROLLMENT_TIMEOUT_S.max },
      },
      additionalProperties: false,
    },
    status: 202,
    response: ENROLLMENT,
  },
  {
    name: 'person.deviceEnrollments',
    method: 'GET',
    path: '/api/v1/devices/:sn/enrollments',
    summary: "A device's enrollments, newest first (a running one is the first)",
    query: { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 100 } } },
    response: one('enrollments', { type: 'array', items: ENROLLMENT }),
  },
  {
    name: 'person.getEnrollment',
    method: 'GET',
    path: '/api/v1/enrollments/:id',
    summary: 'An enrollment: its state, progress and, once completed, its template',
    response: ENROLLMENT,
  },
  {
    name: 'person.cancelEnrollment',
    method: 'DELETE',
    path: '/api/v1/enrollments/:id',
    summary: 'Cancel a running enrollment (the device leaves its capture screen)',
    response: ENROLLMENT,
  },
  // Conformance harness (the admin token): the gateway records and disturbs the traffic of a device
  // under test for `hwbind conformance` (gateway/conformance/harness.ts); other devices are untouched.
  {
    name: 'admin.conformanceOpen',
    method: 'POST',
    path: '/api/v1/admin/conformance/:sn',
    summary: "Start recording a device's traffic for a conformance run (a session already open restarts)",
    status: 201,
    response: {
      type: 'object',
      required: ['sn', 'startedAt', 'connected', 'position'],
      properties: { sn: str, startedAt: int, connected: bool, position: int },
    },
  },
  {
    name: 'admin.conformanceClose',
    method: 'DELETE',
    path: '/api/v1/admin/conformance/:sn',
    summary: 'End the conformance session: messages held back are released, nothing more is recorded',
    response: { type: 'object', required: ['sn', 'events'], properties: { sn: str, events: int } },
  },
  {
    name: 'admin.conformanceEvents',
    method: 'GET',
    path: '/api/v1/admin/conformance/:sn/events',
    summary:
      'What the device and the gateway exchanged after position `after` (at most 1000 events: ask again from `next`), waiting up to waitMs for something new',
    query: {
      type: 'object',
      properties: {
        after: { type: 'integer', minimum: 0 },
        waitMs: { type: 'integer', minimum: 0, maximum: 10_000 },
      },
    },
    response: {
      type: 'object',
      required: ['events', 'next', 'lost', 'connected'],
      properties: { events: { type: 'array', items: HARNESS_EVENT }, next: int, lost: int, connected: bool },
    },
  },
  {
    name: 'admin.conformanceWithhold',
    method: 'PUT',
    path: '/api/v1/admin/conformance/:sn/withhold',
    summary: 'Hold back the next `count` down messages of one kind (count 0 releases): the device never gets them',
    body: {
      type: 'object',
      required: ['body', 'count'],
      properties: {
        body: { type: 'string', enum: DOWN_BODIES },
        count: { type: 'integer', minimum: 0, maximum: 100_000 },
      },
      additionalProperties: false,
    },
    response: one('withholding', { type: 'object', additionalProperties: { type: 'integer' } }),
  },
  {
    name: 'admin.conformanceInject',
    method: 'POST',
    path: '/api/v1/admin/conformance/:sn/inject',
    summary: 'Send bytes (base64) to the device on a down topic exactly as given: malformed messages, replays',
    body: {
      type: 'object',
      required: ['topic', 'payload'],
      properties: {
        topic: { type: 'string', enum: DOWN_TOPICS },
        payload: { type: 'string', maxLength: 800_000 },
      },
      additionalProperties: false,
    },
    response: one('sent', bool),
  },
  {
    name: 'admin.conformanceFirmware',
    method: 'PUT',
    path: '/api/v1/admin/conformance/:sn/firmware',
    summary:
      "Firmware faults on the device's downloads (each call replaces them; a field left out is off): hold back the chunks of the first holdMs, drop the link after the chunk that reaches dropAtOffset, damage the byte at corruptAtOffset once, or send another image (substitute: its SHA-256 in the offers, its bytes at offset in the chunks)",
    body: {
      type: 'object',
      properties: {
        holdMs: { type: 'integer', minimum: 0, maximum: 8000 },
        dropAtOffset: { type: 'integer', minimum: 1 },
        corruptAtOffset: { type: 'integer', minimum: 0 },
        substitute: {
          type: 'object',
          required: ['sha256', 'offset', 'data'],
          properties: {
            sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
            offset: { type: 'integer', minimum: 0 },
            data: { type: 'string', minLength: 1, maxLength: 4096 },
          },
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    },
    response: one('armed', strings),
  },
  {
    name: 'admin.conformanceDrop',
    method: 'POST',
    path: '/api/v1/admin/conformance/:sn/drop',
    summary: "Close the device's connection as a network failure would",
    response: one('dropped', bool),
  },
  {
    name: 'person.firmwareCatalog',
    method: 'GET',
    path: '/api/v1/firmware',
    summary:
      "The catalog versions of the models of the enterprise's devices, retired ones included (device admins); retiredForCorp: retired for this enterprise's devices",
    response: one('firmware', {
      type: 'array',
      items: {
        ...FIRMWARE_RELEASE,
        required: [...FIRMWARE_RELEASE.required, 'retiredForCorp'],
        properties: { ...FIRMWARE_RELEASE.properties, retiredForCorp: bool },
      },
    }),
  },
  {
    name: 'person.setFirmwareRetired',
    method: 'PUT',
    path: '/api/v1/firmware/:model/:version/retired',
    summary:
      "Retire a version for the enterprise's devices (no new upgrade offers it; running jobs finish), or take that back (device admins)",
    body: { type: 'object', required: ['retired'], properties: { retired: bool }, additionalProperties: false },
    response: {
      type: 'object',
      required: ['model', 'version', 'retired'],
      properties: { model: str, version: str, retired: bool },
    },
  },
  {
    name: 'person.deviceFirmware',
    method: 'GET',
    path: '/api/v1/devices/:sn/firmware',
    summary:
      "A device's firmware: the version it runs, its A/B slots, the versions of its model it may get (newer: an upgrade; else a downgrade) and its latest upgrade job",
    response: {
      type: 'object',
      required: ['current', 'slots', 'available', 'job'],
      properties: {
        current: strOrNull,
        slots: DEVICE.properties.slots,
        available: {
          type: 'array',
          items: {
            type: 'object',
            required: ['version', 'size', 'releaseNotes', 'publishedAt', 'newer'],
            properties: { version: str, size: int, releaseNotes: str, publishedAt: int, newer: bool },
          },
        },
        job: { anyOf: [{ type: 'null' }, FIRMWARE_JOB] },
      },
    },
  },
  {
    name: 'person.upgradeFirmware',
    method: 'POST',
    path: '/api/v1/devices/:sn/firmware/upgrade',
    summary:
      'Upgrade a device to a version of the catalog (an older one only with allowDowngrade); progress comes as `firmware` events (GET /api/v1/events) and from GET /api/v1/jobs/:id',
    body: {
      type: 'object',
      required: ['version'],
      properties: { version: { type: 'string', minLength: 1, maxLength: 32 }, allowDowngrade: bool },
      additionalProperties: false,
    },
    status: 202,
    response: one('job', FIRMWARE_JOB),
  },
  {
    name: 'person.getJob',
    method: 'GET',
    path: '/api/v1/jobs/:id',
    summary: 'A firmware upgrade job: its state, download progress and remaining time, and why it failed',
    response: FIRMWARE_JOB,
  },
);

export type Api = typeof API;
