import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../core/finding.js';
import { contextSeverity } from './context.js';
import { groupSecretFindings } from './group.js';
import { keyUse, keyUses } from './usage.js';
import { detect } from './detect.js';
import { ALNUM, fake, fakePem } from './fake.js';

const G = 'secret.generic-credential';

test('contextSeverity: samples at low, obvious test passwords at info, production and config at full severity', () => {
  const at = (role: Parameters<typeof contextSeverity>[0]['role'], extra: Partial<Parameters<typeof contextSeverity>[0]> = {}) =>
    contextSeverity({ rule: G, severity: 'high', role, value: 'Xq7-long-value-9', name: 'API_TOKEN', ...extra }).severity;
  assert.equal(at('production'), 'high');
  assert.equal(at('config'), 'high');
  assert.equal(at('ci'), 'high');
  assert.equal(at('notebook'), 'high');
  for (const r of ['test', 'fixture', 'docs', 'example'] as const) assert.equal(at(r), 'low', r);
  assert.equal(at('test', { name: 'password', value: 'python' }), 'info');
  assert.equal(at('production', { context: 'comment' }), 'low');
  assert.equal(at('production', { context: 'docstring' }), 'low');
  assert.equal(at('generated'), 'low');
  assert.equal(at('generated', { used: 'passed to jwt.encode()' }), 'high');
  assert.equal(contextSeverity({ rule: 'secret.private-key', severity: 'critical', role: 'fixture', value: 'x' }).severity, 'low');
});

test('keyUse: a name passed to a signing or encryption call, or set as SECRET_KEY, is a key', () => {
  assert.equal(keyUse('token = jwt.encode(payload, SECRET_COOKIE_KEY, algorithm="HS256")\n', 'SECRET_COOKIE_KEY'), 'passed to jwt.encode()');
  assert.equal(keyUse('f = Fernet(\n    settings.FERNET_KEY,\n)\n', 'FERNET_KEY'), 'passed to Fernet()');
  assert.equal(keyUse('SECRET_KEY = APP_SIGNING_KEY\n', 'APP_SIGNING_KEY'), 'assigned to a key setting');
  assert.equal(keyUse('print(COOKIE_KEY)\nx = jwt.encode(p, other)\n', 'COOKIE_KEY'), null);
  const uses = keyUses(['settings.SECRET_COOKIE_KEY', 'LANG_KEY'], [['a.py', () => 'from x import SECRET_COOKIE_KEY\nc = jwt.decode(c, SECRET_COOKIE_KEY)\n']]);
  assert.deepEqual([...uses.keys()], ['settings.SECRET_COOKIE_KEY']);
});

test('detect marks values in comments and docstrings, and capital-letter keys as needing a use', () => {
  const token = fake(ALNUM, 24, 'ctx-1');
  const text = `"""Connect.\n\n    >>> connect(password="${token}")\n"""\n# API_TOKEN = "${token}2"\nAPI_TOKEN = "${token}3"\nSIGNING_KEY = "PYGOAT"\n`;
  const hits = detect('app/db.py', text).hits;
  assert.deepEqual(hits.map((h) => [h.line, h.context ?? null, h.ifUsed ?? false]), [[3, 'docstring', false], [5, 'comment', false], [6, null, false], [7, null, true]]);
  // An assigned triple-quoted string is a value, not a docstring.
  const pem = detect('app/keys.py', `KEY = """\n${fakePem('RSA', 'ctx-2')}\n"""\n`).hits;
  assert.equal(pem[0]?.context, undefined);
  assert.ok((pem[0]?.more ?? 0) >= 6, 'a PEM block spans its body');
});

test('groupSecretFindings: samples of one rule, role and folder become one line; the rest stay single', () => {
  const f = (path: string, severity: Finding['severity'], rule = 'secret.private-key', role: Finding['role'] = 'fixture'): Finding => ({
    rule, severity, path, line: 1, message: 'm', remediation: 'r', fingerprint: path, role,
  });
  const all = [
    f('app/prod.py', 'critical', 'secret.private-key', 'production'),
    ...Array.from({ length: 14 }, (_, i) => f(`test/certdata/k${i}.pem`, 'low')),
    f('docs/a.md', 'low', G, 'docs'),
  ];
  const g = groupSecretFindings(all);
  assert.deepEqual(g.single.map((x) => x.path), ['app/prod.py', 'docs/a.md']);
  assert.deepEqual(g.groups.map((x) => x.title), ['14 private keys in test/certdata (test fixtures)']);
});
