import { isFake } from '../decoys.js';
import { fake, URLSAFE, b64url } from '../fake.js';
import type { PatternRule } from '../rule.js';

const jwt = (payload: object, seed: string) =>
  b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' })) + '.' + b64url(JSON.stringify(payload)) + '.' + fake(URLSAFE, 43, seed);

function decodePart(part: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A real JWT: the header decodes to JSON with `alg`, and it is not the jwt.io sample or a fake. */
function isRealJwt(token: string): boolean {
  const [h, p] = token.split('.');
  const header = decodePart(h ?? '');
  const payload = decodePart(p ?? '');
  if (!header || typeof header.alg !== 'string' || !payload) return false;
  // jwt.io's sample token (sub 1234567890, John Doe) appears in countless tutorials and tests.
  if (payload.sub === '1234567890' && payload.name === 'John Doe') return false;
  return !isFake(JSON.stringify(payload));
}

export const jsonWebToken: PatternRule = {
  kind: 'pattern',
  id: 'secret.jwt',
  severity: 'medium',
  label: 'JSON Web Token',
  summary: 'JSON Web Token committed to the repository',
  docs: {
    what: 'Finds signed JSON Web Tokens (three base64url parts, header and payload starting eyJ) whose header decodes to JSON with an alg.',
    why: 'A JWT is a bearer credential: until it expires (often never, for service tokens) whoever holds it is the subject. Medium because many are short-lived.',
    example: 'AUTH = "Bearer eyJhbGciOi…<payload>.<signature>"',
    fix: 'Revoke the token or rotate its signing key, and have the code obtain tokens at run time instead of committing one.',
    references: ['https://datatracker.ietf.org/doc/html/rfc7519'],
  },
  keywords: ['eyj'],
  trigger: 'J(?<=eyJ)',
  anchors: ['eyJ'],
  pattern: /(?<![A-Za-z0-9_-])(?<s>eyJ[A-Za-z0-9_-]{8,4000}\.eyJ[A-Za-z0-9_-]{8,8000}\.[A-Za-z0-9_-]{16,1000})(?![A-Za-z0-9_-])/g,
  validate: (v) => isRealJwt(v),
  examples: {
    bad: [
      { file: 'app/client.py', text: `HEADERS = {"Authorization": "Bearer ${jwt({ sub: 'svc-reporting', iss: 'auth.acme.io', exp: 4102444800 }, 'jwt-1')}"}\n` },
      { file: 'app/client2.py', text: `token = "${jwt({ sub: 'admin', role: 'owner' }, 'jwt-2')}"\n` },
    ],
    good: [
      { file: 'tests/test_auth.py', text: `SAMPLE = "${jwt({ sub: '1234567890', name: 'John Doe', iat: 1516239022 }, 'jwt-3')}"\n` },
      { file: 'app/auth.py', text: `NOT_JWT = "${b64url('{"a": 1}')}.eyJ${fake(URLSAFE, 20, 'jwt-4')}.${fake(URLSAFE, 20, 'jwt-5')}"\n` },
    ],
  },
};
