// Input generation for the fuzzer: a seeded PRNG per input (any input can be made again from the
// run's seed and its index), byte-level mutations of seed inputs in the manner of AFL's havoc stage,
// text-level ones for the text formats, and plain random bytes.

/** mulberry32: small, fast, good enough to pick mutations. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The PRNG seed of input `index` of a target in a run seeded `seed`. */
export function inputSeed(seed: number, target: string, index: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const c of `${target}#${index}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

const INTERESTING = [0x00, 0x01, 0x7f, 0x80, 0xff, 0x0a, 0x22, 0x5c, 0x3a, 0x2c];
/** Pieces that mean something to the text formats under test (YAML, JSON, CSV). */
const TOKENS = [
  '{',
  '}',
  '[',
  ']',
  ':',
  ',',
  '"',
  "'",
  '\n',
  '\r\n',
  '- ',
  '&a ',
  '*a',
  '!!binary ',
  '!!js/function ',
  '<<: *a',
  '---\n',
  '...\n',
  '#',
  '|',
  '>',
  '~',
  'null',
  'true',
  '1e309',
  '-0',
  '0x7fffffffffffffff',
  '99999999999999999999',
  '__proto__',
  'constructor',
  '\u0000',
  '\uffff',
  '\ud800',
  '𝄞',
  ' '.repeat(64),
  'A'.repeat(300),
];

export type Random = () => number;
const int = (r: Random, n: number) => Math.floor(r() * n);

/** One havoc round: 1–8 stacked byte mutations, sometimes a splice with another seed. */
export function mutateBytes(
  r: Random,
  input: Uint8Array,
  others: readonly Uint8Array[],
  maxLength: number,
): Uint8Array {
  let b = Array.from(input);
  const rounds = 1 + int(r, 8);
  for (let k = 0; k < rounds; k++) {
    const at = int(r, b.length + 1);
    switch (int(r, 9)) {
      case 0: // flip a bit
        if (b.length) b[at % b.length]! ^= 1 << int(r, 8);
        break;
      case 1: // an interesting byte
        if (b.length) b[at % b.length] = INTERESTING[int(r, INTERESTING.length)]!;
        break;
      case 2: // a random byte
        if (b.length) b[at % b.length] = int(r, 256);
        break;
      case 3: // insert random bytes
        b.splice(at, 0, ...Array.from({ length: 1 + int(r, 16) }, () => int(r, 256)));
        break;
      case 4: // delete a range
        b.splice(at, 1 + int(r, 32));
        break;
      case 5: // duplicate a range
        b.splice(at, 0, ...b.slice(at, at + 1 + int(r, 64)));
        break;
      case 6: // truncate
        b = b.slice(0, at);
        break;
      case 7: {
        // splice with another seed
        const other = others[int(r, others.length)];
        if (other) b = [...b.slice(0, at), ...Array.from(other.subarray(int(r, other.length + 1)))];
        break;
      }
      default: // a varint-sized length or a large number where protobuf expects one
        b.splice(at, 0, 0xff, 0xff, 0xff, 0xff, 0x0f);
    }
  }
  return Uint8Array.from(b.slice(0, maxLength));
}

export function mutateText(r: Random, input: string, others: readonly string[], maxLength: number): string {
  let s = input;
  const rounds = 1 + int(r, 6);
  for (let k = 0; k < rounds; k++) {
    const at = int(r, s.length + 1);
    switch (int(r, 6)) {
      case 0:
        s = s.slice(0, at) + TOKENS[int(r, TOKENS.length)]! + s.slice(at);
        break;
      case 1:
        s = s.slice(0, at) + s.slice(at + 1 + int(r, 16));
        break;
      case 2:
        s = s.slice(0, at) + s.slice(at, at + 1 + int(r, 80)) + s.slice(at);
        break;
      case 3: {
        const other = others[int(r, others.length)] ?? '';
        s = s.slice(0, at) + other.slice(int(r, other.length + 1));
        break;
      }
      case 4:
        s = s.slice(0, at) + String.fromCharCode(int(r, 0x3000)) + s.slice(at + 1);
        break;
      default:
        s = s.slice(0, at);
    }
  }
  return s.slice(0, maxLength);
}

export function randomBytes(r: Random, maxLength: number): Uint8Array {
  return Uint8Array.from({ length: int(r, maxLength + 1) }, () => int(r, 256));
}

/** Input `r` makes for a target with these seeds: mostly mutated seeds, some seeds as they are, some noise. */
export function makeInput(r: Random, seeds: readonly Uint8Array[], text: boolean, maxLength: number): Uint8Array {
  const pick = r();
  const seed = seeds[int(r, seeds.length)]!;
  if (pick < 0.02) return seed;
  if (pick < 0.1) return randomBytes(r, Math.min(maxLength, 512));
  if (!text) return mutateBytes(r, seed, seeds, maxLength);
  const decoder = new TextDecoder();
  const texts = seeds.map((s) => decoder.decode(s));
  return new TextEncoder().encode(mutateText(r, decoder.decode(seed), texts, maxLength));
}
