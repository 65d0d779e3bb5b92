/**
 * Fake credentials for rule examples and tests, generated at run time from a seed so that no
 * live-looking literal is ever committed (GitHub push protection and pyvet itself stay quiet).
 */
export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const DIGITS = '0123456789';
export const ALNUM = UPPER + LOWER + DIGITS;
export const HEX = '0123456789abcdef';
export const BASE64 = ALNUM + '+/';
export const URLSAFE = ALNUM + '-_';

function seedOf(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** `n` characters of `alphabet`, deterministic for a given seed (mulberry32). */
export function fake(alphabet: string, n: number, seed: string): string {
  let a = seedOf(seed);
  let out = '';
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const r = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    out += alphabet[Math.floor(r * alphabet.length)];
  }
  return out;
}

/** Base64url of a string, for fake JWT parts. */
export function b64url(s: string): string {
  return Buffer.from(s).toString('base64url');
}

/** A fake PEM private key: header, 64-column base64 body, footer. */
export function fakePem(label: string, seed: string, lines = 6): string {
  const body: string[] = [];
  for (let i = 0; i < lines; i++) body.push(fake(BASE64, 64, `${seed}-${i}`));
  const kind = label ? `${label} ` : '';
  return ['-----BEGIN ' + kind + 'PRIVATE KEY-----', ...body, '-----END ' + kind + 'PRIVATE KEY-----'].join('\n');
}
