// Signed firmware image container (MCUboot-like). Layout, all integers little-endian:
//
//   offset size  field
//        0    4  magic "HWFW"
//        4    2  header version (1)
//        6    2  header size (128)
//        8    4  payload size, bytes
//       12    4  flags (bit 0: test image — boots pending-verify and reverts unless confirmed)
//       16   32  model id, UTF-8, NUL-padded
//       48   32  version (semver), UTF-8, NUL-padded
//       80   32  SHA-256 of the payload
//      112    8  build time, Unix seconds
//      120    8  reserved, zero
//      128    n  payload
//    128+n   64  Ed25519 signature by the model's vendor key over bytes [0, 128+n)
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import semver from 'semver';
import { HwbindError } from './errors.js';

export const FW_MAGIC = Buffer.from('HWFW', 'ascii');
export const FW_HEADER_VERSION = 1;
export const FW_HEADER_SIZE = 128;
export const FW_SIGNATURE_SIZE = 64;
export const FW_FLAG_TEST = 1;
/** Largest image the gateway accepts (64 MiB). */
export const FW_MAX_IMAGE_SIZE = 64 * 1024 * 1024;
const TEXT_FIELD = 32;

export interface FirmwareHeader {
  model: string;
  version: string;
  payloadSize: number;
  payloadSha256: Buffer;
  test: boolean;
  buildTime: number;
}

export interface FirmwareImage {
  header: FirmwareHeader;
  payload: Buffer;
  signature: Buffer;
  /** Bytes the signature covers (header + payload). */
  signed: Buffer;
}

export const sha256 = (data: Uint8Array): Buffer => createHash('sha256').update(data).digest();

function writeText(buf: Buffer, offset: number, text: string, what: string): void {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length === 0 || bytes.length > TEXT_FIELD) {
    throw new HwbindError('invalid_argument', `${what} must be 1-${TEXT_FIELD} bytes`);
  }
  bytes.copy(buf, offset);
}

function readText(buf: Buffer, offset: number): string {
  const field = buf.subarray(offset, offset + TEXT_FIELD);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? TEXT_FIELD : end).toString('utf8');
}

export function isValidFirmwareVersion(version: string): boolean {
  return semver.valid(version) === version && Buffer.byteLength(version) <= TEXT_FIELD;
}

/** Builds and signs an image. `privateKey` is the vendor's Ed25519 key (PEM or KeyObject). */
export function buildFirmwareImage(
  input: { model: string; version: string; payload: Uint8Array; test?: boolean; buildTime?: number },
  privateKey: KeyObject | string,
): Buffer {
  if (!isValidFirmwareVersion(input.version))
    throw new HwbindError('fw_bad_version', `invalid version ${input.version}`);
  if (FW_HEADER_SIZE + input.payload.length + FW_SIGNATURE_SIZE > FW_MAX_IMAGE_SIZE)
    throw new HwbindError('fw_too_large');
  const header = Buffer.alloc(FW_HEADER_SIZE);
  FW_MAGIC.copy(header, 0);
  header.writeUInt16LE(FW_HEADER_VERSION, 4);
  header.writeUInt16LE(FW_HEADER_SIZE, 6);
  header.writeUInt32LE(input.payload.length, 8);
  header.writeUInt32LE(input.test ? FW_FLAG_TEST : 0, 12);
  writeText(header, 16, input.model, 'model id');
  writeText(header, 48, input.version, 'version');
  sha256(input.payload).copy(header, 80);
  header.writeBigUInt64LE(BigInt(input.buildTime ?? Math.floor(Date.now() / 1000)), 112);
  const signed = Buffer.concat([header, input.payload]);
  const key = typeof privateKey === 'string' ? createPrivateKey(privateKey) : privateKey;
  return Buffer.concat([signed, sign(null, signed, key)]);
}

/** Parses an image and checks its structure and payload hash (not its signature). */
export function parseFirmwareImage(image: Uint8Array): FirmwareImage {
  const buf = Buffer.from(image.buffer, image.byteOffset, image.byteLength);
  if (buf.length > FW_MAX_IMAGE_SIZE) throw new HwbindError('fw_too_large');
  if (buf.length < FW_HEADER_SIZE + FW_SIGNATURE_SIZE) {
    if (buf.length >= 4 && !buf.subarray(0, 4).equals(FW_MAGIC)) throw new HwbindError('fw_bad_magic');
    throw new HwbindError('fw_truncated', `image of ${buf.length} bytes is shorter than header and signature`);
  }
  if (!buf.subarray(0, 4).equals(FW_MAGIC)) throw new HwbindError('fw_bad_magic');
  if (buf.readUInt16LE(4) !== FW_HEADER_VERSION || buf.readUInt16LE(6) !== FW_HEADER_SIZE) {
    throw new HwbindError('fw_unsupported_header');
  }
  const payloadSize = buf.readUInt32LE(8);
  const expected = FW_HEADER_SIZE + payloadSize + FW_SIGNATURE_SIZE;
  if (buf.length < expected)
    throw new HwbindError('fw_truncated', `image is ${buf.length} bytes, header says ${expected}`);
  if (buf.length > expected)
    throw new HwbindError('fw_size_mismatch', `image is ${buf.length} bytes, header says ${expected}`);
  const version = readText(buf, 48);
  if (!isValidFirmwareVersion(version))
    throw new HwbindError('fw_bad_version', `invalid version ${JSON.stringify(version)}`);
  const payload = buf.subarray(FW_HEADER_SIZE, FW_HEADER_SIZE + payloadSize);
  const payloadSha256 = Buffer.from(buf.subarray(80, 112));
  if (!sha256(payload).equals(payloadSha256)) throw new HwbindError('fw_hash_mismatch');
  return {
    header: {
      model: readText(buf, 16),
      version,
      payloadSize,
      payloadSha256,
      test: (buf.readUInt32LE(12) & FW_FLAG_TEST) !== 0,
      buildTime: Number(buf.readBigUInt64LE(112)),
    },
    payload,
    signature: buf.subarray(FW_HEADER_SIZE + payloadSize),
    signed: buf.subarray(0, FW_HEADER_SIZE + payloadSize),
  };
}

/** Parses and fully verifies an image: structure, hash, model and vendor signature. */
export function verifyFirmwareImage(
  image: Uint8Array,
  opts: { publicKey: KeyObject | string; model?: string },
): FirmwareImage {
  const parsed = parseFirmwareImage(image);
  if (opts.model !== undefined && parsed.header.model !== opts.model) {
    throw new HwbindError('fw_wrong_model', `image is for model ${parsed.header.model}, not ${opts.model}`);
  }
  const key = typeof opts.publicKey === 'string' ? loadPublicKey(opts.publicKey) : opts.publicKey;
  if (!verify(null, parsed.signed, key, parsed.signature)) throw new HwbindError('fw_bad_signature');
  return parsed;
}

// Ed25519 SubjectPublicKeyInfo prefix: a raw 32-byte key follows it.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Loads an Ed25519 public key from PEM (SPKI) or 64 hex chars (raw key). */
export function loadPublicKey(text: string): KeyObject {
  const trimmed = text.trim();
  try {
    const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
      ? createPublicKey({
          key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(trimmed, 'hex')]),
          format: 'der',
          type: 'spki',
        })
      : createPublicKey(trimmed);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
    return key;
  } catch {
    throw new HwbindError('invalid_key', 'expected an Ed25519 public key as PEM or 64 hex characters');
  }
}

export function loadPrivateKey(text: string): KeyObject {
  try {
    const key = createPrivateKey(text.trim());
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
    return key;
  } catch {
    throw new HwbindError('invalid_key', 'expected an Ed25519 private key as PEM');
  }
}

/** The raw 32-byte public key as hex (the form in test vectors and model definitions). */
export function publicKeyHex(key: KeyObject): string {
  return key.export({ format: 'der', type: 'spki' }).subarray(ED25519_SPKI_PREFIX.length).toString('hex');
}

export function generateVendorKeys(): { publicKeyPem: string; privateKeyPem: string; publicKeyHex: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicKeyHex: publicKeyHex(publicKey),
  };
}
