import { isAscii } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { classChars } from './triggers.js';

/**
 * The line prefilter of the secret scan: finds, at about 2.5 GB/s, the lines that hold one of the
 * rules' anchors (three-byte needles, see `anchors` on SecretRule), so that only those lines are
 * decoded and read by the trigger regex, which V8 runs at about 2 ns a character (6% of the standard
 * library's bytes). The search is Teddy (teddy.wat) in WebAssembly SIMD.
 */

// Compiled on first use: a process that only masks short strings (`pyvet deps`) never needs it.
let wasm: WebAssembly.Module | undefined;
const teddy = () => (wasm ??= new WebAssembly.Module(readFileSync(new URL('./teddy.wasm', import.meta.url))));
const PAGE = 65536;
/** Candidates written per call of the wasm scan; the scan resumes after the last one. */
const OUT_CAP = 4096;
/** The i32 where the scan collects the high bits of the bytes it read. */
const HIGH = 192;
const OUT = 256;
const INPUT = OUT + OUT_CAP * 4;
/** The scan reads whole 16-byte blocks: this much readable memory must follow the input. */
const SLACK = 32;
const BUCKETS = 16;

/** The three byte sets of an anchor: a regex source of exactly three atoms (a character, `\.`, or a class). */
export function anchorBytes(src: string): Set<number>[] {
  const sets: Set<number>[] = [];
  for (let i = 0; i < src.length; ) {
    let chars: Set<string> | null;
    if (src[i] === '[') {
      const end = src.indexOf(']', i + 1);
      chars = end > i ? classChars(src.slice(i + 1, end)) : null;
      i = end + 1;
    } else if (src[i] === '\\') {
      const c = src[i + 1] ?? '';
      chars = /^[\\.\-/[\]()*+?{}|^$]$/.test(c) ? new Set([c]) : null;
      i += 2;
    } else {
      chars = '.^$*+?{}()|'.includes(src[i]!) ? null : new Set([src[i]!]);
      i++;
    }
    if (!chars || [...chars].some((c) => c.charCodeAt(0) > 127)) throw new Error(`anchor ${JSON.stringify(src)}: not three ASCII atoms`);
    sets.push(new Set([...chars].map((c) => c.charCodeAt(0))));
  }
  if (sets.length !== 3) throw new Error(`anchor ${JSON.stringify(src)}: not three ASCII atoms`);
  return sets;
}

/**
 * How often each ASCII byte occurs in Python projects' text, per 10,000 (measured on the standard
 * library's .py, .txt, .rst, .json, .cfg, .toml, .yaml, .ini and .md files). It steers which anchors
 * share a bucket: aliasing onto `e` costs far more than onto `Q`.
 */
// prettier-ignore
const FREQUENCY = [
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 272, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  2797, 2, 77, 35, 1, 6, 1, 129, 152, 152, 12, 7, 130, 41, 161, 10, 70, 42, 32, 19, 16, 15, 12, 10, 12, 13, 69, 3, 5, 71, 16, 2,
  3, 32, 11, 25, 16, 61, 17, 9, 9, 35, 1, 4, 28, 14, 32, 19, 17, 1, 29, 27, 54, 11, 6, 7, 4, 3, 2, 19, 25, 19, 1, 156,
  2, 353, 70, 183, 178, 671, 195, 78, 98, 287, 8, 39, 280, 119, 289, 290, 143, 22, 345, 455, 447, 141, 33, 44, 61, 58, 10, 5, 2, 5, 0, 0,
];
const frequency = (b: number) => (FREQUENCY[b] ?? 0) + 0.5;

/**
 * A bucket as the tables see it: for each of the three positions, the low nibbles (bits 0-15) and the
 * high nibbles (bits 16-31) it accepts. It accepts every byte that pairs one of each.
 */
export type Bucket = [number, number, number];

function nibbles(bytes: Set<number>): number {
  let m = 0;
  for (const b of bytes) m |= (1 << (b & 15)) | (1 << (16 + (b >> 4)));
  return m;
}

/** The odds that a bucket accepts a window (text bytes taken as independent). */
function odds(bucket: Bucket): number {
  let p = 1;
  for (const m of bucket) {
    let f = 0;
    for (let h = 0; h < 16; h++) {
      if (!(m & (1 << (16 + h)))) continue;
      for (let l = 0; l < 16; l++) if (m & (1 << l)) f += frequency((h << 4) | l);
    }
    p *= f / 10000;
  }
  return p;
}

const merge = (a: Bucket, b: Bucket): Bucket => [a[0] | b[0], a[1] | b[1], a[2] | b[2]];

/**
 * Group the anchors into the 16 buckets so that nibble aliasing admits few extra windows: start with a
 * bucket per anchor and merge, while there are too many, the two whose union adds the least.
 */
export function buckets(anchors: readonly string[]): Bucket[] {
  const out = [...new Set(anchors)].sort().map((a) => anchorBytes(a).map(nibbles) as Bucket);
  while (out.length > BUCKETS) {
    let best: [number, number] = [0, 1];
    let bestCost = Infinity;
    for (let i = 0; i < out.length; i++) {
      for (let j = i + 1; j < out.length; j++) {
        const cost = odds(merge(out[i]!, out[j]!)) - odds(out[i]!) - odds(out[j]!);
        if (cost < bestCost) [best, bestCost] = [[i, j], cost];
      }
    }
    out[best[0]] = merge(out[best[0]]!, out[best[1]]!);
    out.splice(best[1], 1);
  }
  return out;
}

/** What the prefilter found in one input. */
export interface Candidates {
  /** The lines that may hold an anchor, as [start, end) byte offsets in pairs, in order; end is at the newline (or the end of the input). */
  lines: number[];
  /** Every byte is ASCII (checked on the way, so the caller need not read the input again to know). */
  ascii: boolean;
}

/** A prefilter for one set of anchors, with its own WebAssembly memory. Not re-entrant. */
export class Prefilter {
  private readonly memory: WebAssembly.Memory;
  private readonly run: (start: number, end: number, out: number, cap: number) => number;
  private view: Buffer;

  constructor(anchors: readonly string[]) {
    const instance = new WebAssembly.Instance(teddy(), {});
    this.memory = instance.exports.memory as WebAssembly.Memory;
    this.run = instance.exports.scan as Prefilter['run'];
    this.view = Buffer.from(this.memory.buffer);
    // Buckets 0-7 fill the first six tables, 8-15 the next six; bit = bucket mod 8.
    const tables = new Uint8Array(HIGH);
    buckets(anchors).forEach((bucket, i) => {
      const half = 96 * (i >> 3);
      bucket.forEach((m, j) => {
        for (let k = 0; k < 32; k++) if (m & (1 << k)) tables[half + 32 * j + k]! |= 1 << (i & 7);
      });
    });
    this.view.set(tables, 0);
  }

  /**
   * Room for `n` bytes in the prefilter's memory, to read a file into: `scan` then need not copy it.
   * Valid until the next call of `input` or `scan`.
   */
  input(n: number): Buffer {
    const need = INPUT + n + SLACK;
    if (need > this.memory.buffer.byteLength) {
      this.memory.grow(Math.ceil((need - this.memory.buffer.byteLength) / PAGE));
      this.view = Buffer.from(this.memory.buffer);
    }
    return this.view.subarray(INPUT, INPUT + n);
  }

  scan(bytes: Uint8Array): Candidates {
    const inPlace = bytes.buffer === this.memory.buffer && bytes.byteOffset === INPUT;
    const input = inPlace ? this.view.subarray(INPUT, INPUT + bytes.length) : this.input(bytes.length);
    if (!inPlace) input.set(bytes);
    const end = INPUT + bytes.length;
    // The last blocks read up to 16 bytes past the input: zeros there admit no window and no high bit.
    this.view.fill(0, end, end + 16);
    this.view.writeInt32LE(0, HIGH);
    const lines: number[] = [];
    let lineEnd = -1;
    for (let from = INPUT; ; ) {
      const n = this.run(from, end, OUT, OUT_CAP);
      const found = new Uint32Array(this.memory.buffer, OUT, n);
      for (let i = 0; i < n; i++) {
        const pos = found[i]! - INPUT;
        if (pos < lineEnd) continue;
        lineEnd = input.indexOf(10, pos);
        if (lineEnd < 0) lineEnd = input.length;
        lines.push(input.lastIndexOf(10, pos) + 1, lineEnd);
      }
      if (n < OUT_CAP) break;
      from = found[n - 1]! + 1;
    }
    // Inputs under 3 bytes hold no window: the scan reads none of them.
    const ascii = input.length < 3 ? isAscii(input) : this.view.readInt32LE(HIGH) === 0;
    return { lines, ascii };
  }
}
