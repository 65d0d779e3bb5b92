import { fake, BASE64, fakePem } from '../fake.js';
import type { PatternRule } from '../rule.js';

// An RSA-4096 PEM body is about 3.2 KB; 8 KB bounds the work per header on adversarial input.
const MAX_BODY = 8 * 1024;

/**
 * The base64 body that follows a BEGIN … PRIVATE KEY header (real newlines or JSON `\n` escapes,
 * quotes and string concatenation around it), or null when there is no real key: a header alone,
 * `...`, xxxx. Bounded: reads at most 8 KiB past the header.
 */
export function pemBody(afterHeader: string): string | null {
  const chunk = afterHeader.slice(0, MAX_BODY);
  const end = chunk.indexOf('-----END');
  const region = end >= 0 ? chunk.slice(0, end) : chunk;
  let body = '';
  for (const raw of region.split(/\\n|\n/)) {
    const line = raw.trim().replace(/^["'+,\s]+|["'+,\s\\]+$/g, '');
    if (!line || /^[\w-]+:/.test(line)) continue; // Proc-Type:, DEK-Info: headers of encrypted PEM
    if (/[^A-Za-z0-9+/=]/.test(line)) {
      // A non-base64 line: the key text stops here (or never started: prose, code).
      if (body) break;
      return null;
    }
    body += line;
  }
  if (body.length < 64) return null;
  if (/(.)\1{15}/.test(body) || /xxxx|\.\.\.|example/i.test(region)) return null; // AAAA…, placeholders, doc keys
  return body;
}

export const privateKey: PatternRule = {
  kind: 'pattern',
  id: 'secret.private-key',
  severity: 'critical',
  label: 'private key',
  summary: 'Private key (PEM or OpenSSH) committed to the repository',
  docs: {
    what: 'Finds PEM and OpenSSH private keys (RSA, EC, DSA, OPENSSH, PKCS#8, encrypted, PGP) with a real base64 body, reported at the BEGIN line. Also inside JSON strings and Python literals.',
    why: 'A private key is the identity itself: TLS certificates, SSH access to servers, JWT signing, package signing. It cannot be rotated by changing a password.',
    example: '-----BEGIN RSA PRIVATE KEY-----\\n<base64 lines>\\n-----END RSA PRIVATE KEY-----',
    fix: 'Treat the key as compromised: revoke the certificate / remove it from authorized_keys / rotate the signing key, generate a new pair, and mount it at run time from a secret manager.',
  },
  keywords: ['private key'],
  trigger: '-----BEGIN ',
  anchors: ['-BE'],
  pattern: /-----BEGIN[ A-Z0-9]{0,40} PRIVATE KEY(?: BLOCK)?-----/g,
  extract: (m, ctx) => pemBody(ctx.text.slice(ctx.lineStart + m.index + m[0].length)),
  examples: {
    bad: [
      { file: 'deploy/id_rsa', text: fakePem('RSA', 'pk-1') + '\n' },
      { file: 'deploy/id_ed25519', text: fakePem('OPENSSH', 'pk-2') + '\n' },
      { file: 'app/jwt_keys.py', text: `SIGNING_KEY = """\n${fakePem('EC', 'pk-3')}\n"""\n`, line: 2 },
      { file: 'certs/server.key', text: `Bag Attributes\n${fakePem('', 'pk-4')}\n`, line: 2 },
      { file: 'app/inline.py', text: `KEY = "${fakePem('', 'pk-5').replace(/\n/g, '\\n')}"\n` },
    ],
    good: [
      { file: 'app/crypto.py', text: 'if data.startswith(b"-----BEGIN ' + 'RSA PRIVATE KEY-----"):\n    kind = "rsa"\n' },
      { file: 'docs/keys.md', text: '-----BEGIN ' + 'PRIVATE KEY-----\n...\n-----END ' + 'PRIVATE KEY-----\n' },
      { file: 'certs/server.pub', text: '-----BEGIN ' + 'PUBLIC KEY-----\n' + fake(BASE64, 64, 'pub') + '\n-----END ' + 'PUBLIC KEY-----\n' },
    ],
  },
};
