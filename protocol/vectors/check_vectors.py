#!/usr/bin/env python3
"""Independent reference checker for the hwbind test vectors.

This is a second, independent implementation of the hwbind device contracts
(docs: "Contracts that others build against" in PRODUCT.md, and the firmware
image layout), written from the contract text alone and using only the Python 3
standard library. It recomputes every expected output in protocol/vectors/*.json
and reports any difference, so it proves that a vendor following the written
contract reproduces the vectors. Each contract is one small function with no
Python-specific tricks, so it doubles as a template a firmware engineer can port
to C (HMAC-SHA256, CRC-32, COBS, SHA-256/SHA-512 and Ed25519 verification).

Contracts covered:
  auth.json      MQTT credentials: username = SN|ts|nonce,
                 password = hex HMAC-SHA256(device secret, username)
  secret.json    batch secrets: first 32 hex of HMAC-SHA256(seed, upper(SN))
  qr.json        dynamic bind URL with sig, static label URL, 6-digit verify code
  frame.json     serial frames: COBS(payload + CRC-32 LE) + 0x00, both directions
  serial-link.json  the link layer inside a frame: DATA fragments with seq and topic,
                 ACK with its selective bitmap, AUTH (MQTT credentials), control frames;
                 whole messages split into frames and put back together
  firmware.json  signed image container: structure, SHA-256, model, Ed25519

Run:
  python3 protocol/vectors/check_vectors.py [VECTORS_DIR]

VECTORS_DIR defaults to the directory this script lives in. Prints one line per
file ("auth.json: 5/5 ok"), details for every mismatch, and exits 0 only when
every vector matches (1 on any mismatch, 2 on a missing or unreadable file).
"""

import hashlib
import hmac
import json
import os
import re
import struct
import sys
import zlib

# ---------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------


def hmac_sha256(key: bytes, message: bytes) -> bytes:
    return hmac.new(key, message, hashlib.sha256).digest()


def utf8(text: str) -> bytes:
    return text.encode("utf-8")


# ---------------------------------------------------------------------------
# Device credentials (MQTT CONNECT)
# ---------------------------------------------------------------------------


def mqtt_credentials(sn: str, secret: str, ts: int, nonce: str):
    """Return (username, password) for MQTT CONNECT."""
    username = f"{sn}|{ts}|{nonce}"
    password = hmac_sha256(utf8(secret), utf8(username)).hex()  # lowercase hex
    return username, password


# ---------------------------------------------------------------------------
# Batch secrets
# ---------------------------------------------------------------------------


def batch_secret(seed: str, sn: str) -> str:
    """Device secret derived from a vendor batch seed."""
    return hmac_sha256(utf8(seed), utf8(sn.upper())).hex()[:32]


# ---------------------------------------------------------------------------
# Device QR codes
# ---------------------------------------------------------------------------


def qr_dynamic_url(public_url: str, sn: str, secret: str, ts: int, nonce: str) -> str:
    base = public_url.rstrip("/")
    sig = hmac_sha256(utf8(secret), utf8(f"qr|{sn}|{ts}|{nonce}")).hex()
    return f"{base}/hw/bind?sn={sn}&ts={ts}&nonce={nonce}&sig={sig}"


def qr_label_url(public_url: str, sn: str) -> str:
    return f"{public_url.rstrip('/')}/hw/bind?sn={sn}"


def qr_verify_code(sn: str, secret: str) -> str:
    digest = hmac_sha256(utf8(secret), utf8(f"verify|{sn}"))
    value = struct.unpack(">I", digest[:4])[0]  # first 4 bytes, big-endian uint32
    return f"{value % 1000000:06d}"


# ---------------------------------------------------------------------------
# Serial framing: COBS(payload + CRC-32 little-endian) + 0x00
# ---------------------------------------------------------------------------


def crc32_ieee(data: bytes) -> int:
    """CRC-32 as in zlib / IEEE 802.3 (reflected, poly 0xEDB88320, init/xorout 0xFFFFFFFF)."""
    return zlib.crc32(data) & 0xFFFFFFFF


def cobs_encode(data: bytes) -> bytes:
    """Consistent Overhead Byte Stuffing (Cheshire & Baker), without the trailing 0x00.

    Each block is a code byte n (1..255) followed by n-1 non-zero bytes; a code
    below 255 stands for those bytes plus one zero (the implicit zero after the
    last block is dropped). A full block (code 255) carries no zero.
    """
    out = bytearray()
    block = bytearray()
    for byte in data:
        if byte == 0:
            out.append(len(block) + 1)
            out += block
            block = bytearray()
        else:
            block.append(byte)
            if len(block) == 254:
                out.append(255)
                out += block
                block = bytearray()
    out.append(len(block) + 1)
    out += block
    return bytes(out)


def cobs_decode(data: bytes) -> bytes:
    """Inverse of cobs_encode; raises ValueError on a malformed block."""
    out = bytearray()
    i = 0
    while i < len(data):
        code = data[i]
        if code == 0 or i + code > len(data):
            raise ValueError(f"bad COBS code {code} at offset {i}")
        block = data[i + 1 : i + code]
        if 0 in block:
            raise ValueError(f"zero byte inside COBS block at offset {i}")
        out += block
        i += code
        if code < 255 and i < len(data):
            out.append(0)
    return bytes(out)


def frame_encode(payload: bytes) -> bytes:
    return cobs_encode(payload + struct.pack("<I", crc32_ieee(payload))) + b"\x00"


def frame_decode(frame: bytes) -> bytes:
    """Decode one complete frame (ending in its single 0x00) and verify the CRC."""
    if not frame.endswith(b"\x00") or 0 in frame[:-1]:
        raise ValueError("frame must contain exactly one 0x00, at the end")
    decoded = cobs_decode(frame[:-1])
    if len(decoded) < 4:
        raise ValueError("decoded frame shorter than its CRC")
    payload, crc = decoded[:-4], struct.unpack("<I", decoded[-4:])[0]
    if crc != crc32_ieee(payload):
        raise ValueError(f"CRC mismatch: frame says {crc:08x}, payload gives {crc32_ieee(payload):08x}")
    return payload


# ---------------------------------------------------------------------------
# Serial link layer (inside a frame's payload; integers little-endian)
# ---------------------------------------------------------------------------

LINK_TYPES = {"data": 0x01, "ack": 0x02, "auth": 0x10, "authOk": 0x11, "authRefused": 0x12,
              "close": 0x13, "request": 0x20, "response": 0x21}
TOPIC_CODES = {
    "up/hello": 0x01, "up/heartbeat": 0x02, "up/reply": 0x03, "up/directory": 0x04,
    "up/enrollment": 0x05, "up/records": 0x06, "up/door": 0x07, "up/firmware": 0x08,
    "down/system": 0x81, "down/binding": 0x82, "down/reply": 0x83, "down/directory": 0x84,
    "down/enrollment": 0x85, "down/templates": 0x86, "down/records": 0x87, "down/door": 0x88,
    "down/firmware": 0x89,
}
REQUEST_OPS = {"info": 1, "writeBundle": 2, "readBundle": 3}


def short_text(text: str) -> bytes:
    """A string of at most 255 bytes, prefixed with its length."""
    data = utf8(text)
    if len(data) > 255:
        raise ValueError("short text longer than 255 bytes")
    return bytes([len(data)]) + data


def data_frame(seq: int, first: bool, last: bool, topic: int, total: int, data: bytes) -> bytes:
    flags = (1 if first else 0) | (2 if last else 0)
    head = struct.pack("<BBH", LINK_TYPES["data"], flags, seq & 0xFFFF)
    if first:
        head += struct.pack("<BI", topic, total)
    return head + data


def link_payload(f: dict) -> bytes:
    """Build a link frame payload from the fields of a vector."""
    t = f["type"]
    if t == "data":
        return data_frame(f["seq"], f["first"], f["last"], TOPIC_CODES.get(f.get("topic"), 0),
                          f.get("total", 0), bytes.fromhex(f["dataHex"]))
    if t == "ack":
        return struct.pack("<BHI", LINK_TYPES["ack"], f["next"], f["sack"])
    if t == "auth":
        username, password = mqtt_credentials(f["sn"], f["secret"], f["ts"], f["nonce"])
        return (struct.pack("<BBBH", LINK_TYPES["auth"], f["version"], f["window"], f["maxFragment"])
                + short_text(username) + utf8(password))
    if t == "authOk":
        return (struct.pack("<BBBH", LINK_TYPES["authOk"], f["version"], f["window"], f["maxFragment"])
                + short_text(f["nonce"]))
    if t == "authRefused":
        return bytes([LINK_TYPES[t]]) + short_text(f["nonce"]) + short_text(f["code"]) + utf8(f["message"])
    if t == "close":
        return bytes([LINK_TYPES[t]]) + short_text(f["code"]) + utf8(f["message"])
    if t == "request":
        return struct.pack("<BHB", LINK_TYPES[t], f["id"], REQUEST_OPS[f["op"]]) + utf8(f["body"])
    if t == "response":
        return struct.pack("<BHB", LINK_TYPES[t], f["id"], 0 if f["ok"] else 1) + utf8(f["body"])
    raise ValueError(f"unknown link frame type {t!r}")


def split_message(topic: str, message: bytes, max_fragment: int, first_seq: int = 0):
    """The DATA frame payloads a sender makes of one message (at least one, even when empty)."""
    frames = []
    offset, seq = 0, first_seq
    while True:
        chunk = message[offset:offset + max_fragment]
        first, last = offset == 0, offset + len(chunk) >= len(message)
        frames.append(data_frame(seq, first, last, TOPIC_CODES[topic], len(message), chunk))
        offset += len(chunk)
        seq += 1
        if last:
            return frames


def join_message(payloads):
    """Put a message back together from its DATA frame payloads: (topic code, message)."""
    topic, total, parts = None, None, []
    for index, p in enumerate(payloads):
        if p[0] != LINK_TYPES["data"]:
            raise ValueError(f"frame {index} is not DATA")
        flags, at = p[1], 4
        if (flags & 1) != (index == 0):
            raise ValueError(f"frame {index}: first-fragment flag wrong")
        if flags & 1:
            topic, total = struct.unpack_from("<BI", p, 4)
            at = 9
        parts.append(p[at:])
        if (flags & 2) != (2 if index == len(payloads) - 1 else 0):
            raise ValueError(f"frame {index}: last-fragment flag wrong")
    message = b"".join(parts)
    if len(message) != total:
        raise ValueError(f"message is {len(message)} bytes, first fragment says {total}")
    return topic, message


# ---------------------------------------------------------------------------
# Ed25519 signature verification (RFC 8032, section 5.1)
# ---------------------------------------------------------------------------

P = 2**255 - 19  # field prime
L = 2**252 + 27742317777372353535851937790883648493  # group order
D = -121665 * pow(121666, P - 2, P) % P  # curve constant d
SQRT_M1 = pow(2, (P - 1) // 4, P)  # a square root of -1


def point_add(p1, p2):
    """Add two points in extended coordinates (X, Y, Z, T), RFC 8032 5.1.4."""
    x1, y1, z1, t1 = p1
    x2, y2, z2, t2 = p2
    a = (y1 - x1) * (y2 - x2) % P
    b = (y1 + x1) * (y2 + x2) % P
    c = t1 * 2 * D * t2 % P
    d = z1 * 2 * z2 % P
    e, f, g, h = b - a, d - c, d + c, b + a
    return (e * f % P, g * h % P, f * g % P, e * h % P)


def scalar_mult(s: int, point):
    """[s]point by double-and-add (not constant time: verification uses only public data)."""
    result = (0, 1, 1, 0)  # neutral element
    while s > 0:
        if s & 1:
            result = point_add(result, point)
        point = point_add(point, point)
        s >>= 1
    return result


def point_equal(p1, p2) -> bool:
    x1, y1, z1, _ = p1
    x2, y2, z2, _ = p2
    return (x1 * z2 - x2 * z1) % P == 0 and (y1 * z2 - y2 * z1) % P == 0


def recover_x(y: int, sign: int):
    """x for a given y and sign bit, or None if there is no such point (RFC 8032 5.1.3)."""
    if y >= P:
        return None
    u = (y * y - 1) % P
    v = (D * y * y + 1) % P
    x = u * pow(v, 3, P) * pow(u * pow(v, 7, P), (P - 5) // 8, P) % P
    if (v * x * x - u) % P != 0:
        if (v * x * x + u) % P != 0:
            return None
        x = x * SQRT_M1 % P
    if x == 0 and sign == 1:
        return None
    if x & 1 != sign:
        x = P - x
    return x


def point_decode(encoded: bytes):
    """Decode a 32-byte point, or None if it is not on the curve."""
    if len(encoded) != 32:
        return None
    y = int.from_bytes(encoded, "little")
    sign = y >> 255
    y &= (1 << 255) - 1
    x = recover_x(y, sign)
    if x is None:
        return None
    return (x, y, 1, x * y % P)


BASE = point_decode((4 * pow(5, P - 2, P) % P).to_bytes(32, "little"))  # y = 4/5, x even


def ed25519_verify(public_key: bytes, message: bytes, signature: bytes) -> bool:
    """RFC 8032 5.1.7: check [8][S]B = [8]R + [8][k]A'."""
    if len(public_key) != 32 or len(signature) != 64:
        return False
    a_point = point_decode(public_key)
    r_point = point_decode(signature[:32])
    s = int.from_bytes(signature[32:], "little")
    if a_point is None or r_point is None or s >= L:
        return False
    k = int.from_bytes(hashlib.sha512(signature[:32] + public_key + message).digest(), "little") % L
    left = scalar_mult(8 * s, BASE)
    right = scalar_mult(8, point_add(r_point, scalar_mult(k, a_point)))
    return point_equal(left, right)


# ---------------------------------------------------------------------------
# Firmware image container
# ---------------------------------------------------------------------------

FW_MAGIC = b"HWFW"
FW_HEADER_VERSION = 1
FW_HEADER_SIZE = 128
FW_SIGNATURE_SIZE = 64

# Semantic Versioning 2.0.0 (semver.org), MAJOR.MINOR.PATCH[-prerelease][+build]
SEMVER = re.compile(
    r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?"
)


def nul_padded_text(field: bytes):
    """Text of a NUL-padded UTF-8 field, or None if it is not (a NUL followed by text, bad UTF-8)."""
    text = field.rstrip(b"\x00")
    if b"\x00" in text:
        return None
    try:
        return text.decode("utf-8")
    except UnicodeDecodeError:
        return None


def firmware_check(image: bytes, public_key: bytes, expected_model: str):
    """Verify a firmware image. Returns (reason, header); reason is None when the image is valid."""
    min_size = FW_HEADER_SIZE + FW_SIGNATURE_SIZE
    if len(image) < min_size:
        if len(image) >= 4 and image[:4] != FW_MAGIC:
            return "fw_bad_magic", None
        return "fw_truncated", None
    if image[:4] != FW_MAGIC:
        return "fw_bad_magic", None

    header_version, header_size, payload_size, flags = struct.unpack_from("<HHII", image, 4)
    if header_version != FW_HEADER_VERSION or header_size != FW_HEADER_SIZE:
        return "fw_unsupported_header", None

    expected_size = FW_HEADER_SIZE + payload_size + FW_SIGNATURE_SIZE
    if len(image) < expected_size:
        return "fw_truncated", None
    if len(image) > expected_size:
        return "fw_size_mismatch", None

    header = {
        "payloadSize": payload_size,
        "flags": flags,
        "model": nul_padded_text(image[16:48]),
        "version": nul_padded_text(image[48:80]),
        "payloadSha256": image[80:112],
        "buildTime": struct.unpack_from("<Q", image, 112)[0],
    }
    if header["version"] is None or not SEMVER.fullmatch(header["version"]):
        return "fw_bad_version", header

    payload = image[FW_HEADER_SIZE : FW_HEADER_SIZE + payload_size]
    if hashlib.sha256(payload).digest() != header["payloadSha256"]:
        return "fw_hash_mismatch", header
    if header["model"] != expected_model:
        return "fw_wrong_model", header

    signed, signature = image[: FW_HEADER_SIZE + payload_size], image[FW_HEADER_SIZE + payload_size :]
    if not ed25519_verify(public_key, signed, signature):
        return "fw_bad_signature", header
    return None, header


# ---------------------------------------------------------------------------
# Vector file checks: each returns a list of error strings per vector
# ---------------------------------------------------------------------------


def compare(errors, field, computed, expected):
    if computed == expected:
        return
    if isinstance(computed, str) and isinstance(expected, str) and max(len(computed), len(expected)) > 80:
        at = next((i for i, (a, b) in enumerate(zip(computed, expected)) if a != b), min(len(computed), len(expected)))
        start = max(0, at - 16)
        errors.append(
            f"{field}: first difference at character {at} (lengths {len(computed)} vs {len(expected)}): "
            f"computed ...{computed[start : at + 32]!r}..., file says ...{expected[start : at + 32]!r}..."
        )
    else:
        errors.append(f"{field}: computed {computed!r}, file says {expected!r}")


def check_auth(v):
    errors = []
    username, password = mqtt_credentials(v["sn"], v["secret"], v["ts"], v["nonce"])
    compare(errors, "username", username, v["username"])
    compare(errors, "password", password, v["password"])
    return errors


def check_secret(v):
    errors = []
    compare(errors, "secret", batch_secret(v["seed"], v["sn"]), v["secret"])
    return errors


def check_qr(v):
    errors = []
    compare(errors, "url", qr_dynamic_url(v["publicUrl"], v["sn"], v["secret"], v["ts"], v["nonce"]), v["url"])
    compare(errors, "labelUrl", qr_label_url(v["publicUrl"], v["sn"]), v["labelUrl"])
    compare(errors, "verifyCode", qr_verify_code(v["sn"], v["secret"]), v["verifyCode"])
    return errors


def check_frame(v):
    errors = []
    payload, frame = bytes.fromhex(v["payloadHex"]), bytes.fromhex(v["frameHex"])
    compare(errors, "encode(payloadHex)", frame_encode(payload).hex(), v["frameHex"])
    try:
        compare(errors, "decode(frameHex)", frame_decode(frame).hex(), v["payloadHex"])
    except ValueError as exc:
        errors.append(f"decode(frameHex) refused the frame: {exc}")
    return errors


def check_serial_link(v):
    errors = []
    if "framesHex" in v:
        message = bytes.fromhex(v["messageHex"])
        expected = [frame_encode(p).hex() for p in split_message(v["topic"], message, v["maxFragment"])]
        compare(errors, "framesHex", expected, v["framesHex"])
        try:
            topic, joined = join_message([frame_decode(bytes.fromhex(f)) for f in v["framesHex"]])
            compare(errors, "topic code", topic, TOPIC_CODES[v["topic"]])
            compare(errors, "reassembled message", joined.hex(), v["messageHex"])
        except ValueError as exc:
            errors.append(f"reassembly refused the frames: {exc}")
        return errors
    payload = link_payload(v["frame"])
    compare(errors, "payloadHex", payload.hex(), v["payloadHex"])
    compare(errors, "frameHex", frame_encode(payload).hex(), v["frameHex"])
    return errors


def check_firmware(v):
    errors = []
    reason, header = firmware_check(bytes.fromhex(v["imageHex"]), bytes.fromhex(v["publicKey"]), v["model"])
    if v["valid"]:
        if reason is not None:
            errors.append(f"valid image refused with {reason}")
        verdict = "accepted" if reason is None else f"refused: {reason}"
        if header:
            verdict += f" (model {header['model']}, version {header['version']}, {header['payloadSize']} B payload)"
    else:
        compare(errors, "reason", reason, v["reason"])
        verdict = "accepted" if reason is None else f"refused: {reason}"
    print(f"  firmware {v['name']!r}: {verdict}")
    return errors


CHECKS = [
    ("auth.json", check_auth),
    ("secret.json", check_secret),
    ("qr.json", check_qr),
    ("frame.json", check_frame),
    ("serial-link.json", check_serial_link),
    ("firmware.json", check_firmware),
]


def label(index, vector):
    name = vector.get("name") or vector.get("sn") or vector.get("payloadHex", "")[:16]
    return f"#{index} ({name})" if name else f"#{index}"


def main(argv):
    vectors_dir = argv[1] if len(argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    status = 0
    for filename, check in CHECKS:
        path = os.path.join(vectors_dir, filename)
        try:
            with open(path, encoding="utf-8") as f:
                vectors = json.load(f)
        except (OSError, ValueError) as exc:
            print(f"{filename}: cannot read: {exc}")
            status = 2
            continue
        failures = []
        for index, vector in enumerate(vectors):
            try:
                errors = check(vector)
            except (KeyError, TypeError, ValueError) as exc:
                errors = [f"malformed vector: {exc!r}"]
            if errors:
                failures.append((index, vector, errors))
        ok = len(vectors) - len(failures)
        print(f"{filename}: {ok}/{len(vectors)} {'ok' if not failures else 'MISMATCH'}")
        for index, vector, errors in failures:
            for error in errors:
                print(f"  {filename} {label(index, vector)}: {error}")
        if not vectors:
            print(f"  {filename}: no vectors")
        if failures or not vectors:
            status = max(status, 1)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
