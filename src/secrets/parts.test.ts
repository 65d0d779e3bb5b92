import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assignments } from './assign.js';
import { decoyReason, isSelfDescribing } from './decoys.js';
import { detect } from './detect.js';
import { fake, ALNUM } from './fake.js';
import { fileKind } from './file-kind.js';
import { unquoteGitPath } from './history.js';
import { classifyName } from './names.js';
import { maskLine, redact } from './redact.js';

test('assignments: literals as each file kind writes them; code on the right is not a literal', () => {
  const one = (line: string, kind: Parameters<typeof assignments>[1]) => assignments(line, kind).map((a) => [a.name, a.value]);
  assert.deepEqual(one('DB_PASSWORD = "abc def"', 'python'), [['DB_PASSWORD', 'abc def']]);
  assert.deepEqual(one('password: str = "xyz"', 'python'), [['password', 'xyz']]);
  assert.deepEqual(one('connect(user="u", password=\'p1\')', 'python'), [['user', 'u'], ['password', 'p1']]);
  assert.deepEqual(one('app.config["SECRET_KEY"] = "k"', 'python'), [['SECRET_KEY', 'k']]);
  assert.deepEqual(one('{"api_key": "v", "n": 1}', 'json'), [['api_key', 'v']]);
  assert.deepEqual(one('password = get_password()', 'python'), []);
  assert.deepEqual(one('token = "Bearer {}".format(t)', 'python'), []);
  assert.deepEqual(one('if password == "x":', 'python'), []);
  assert.deepEqual(one('user, pass' + 'word = "Aladdin", "x"', 'python'), [], 'a tuple target is not given the first literal');
  assert.deepEqual(one('doc = """multi', 'python'), []);
  assert.deepEqual(one('export API_TOKEN=abc123 OTHER=1', 'shell'), [['API_TOKEN', 'abc123'], ['OTHER', '1']]);
  assert.deepEqual(one('  password: correct horse  # comment', 'yaml'), [['password', 'correct horse']]);
  assert.deepEqual(one('      - "POSTGRES_PASSWORD=pw9"', 'yaml'), [['POSTGRES_PASSWORD', 'pw9']]);
  assert.deepEqual(one('password = hunter', 'ini'), [['password', 'hunter']]);
  assert.deepEqual(one('PASS=a#b', 'env'), [['PASS', 'a#b']]);
  assert.equal(assignments('secret = f"{a}-b"', 'python')[0]!.templated, true);
});

test('classifyName: the name decides, and words after the credential word can undo it', () => {
  for (const n of ['SMTP_PASSWORD', 'dbPassword', 'db-pass', 'API_KEY', 'apiKey', 'secret_key', 'client_secret', 'AUTH_TOKEN', 'settings.db.password', '--api-key', 'PRIVATE_KEY', 'credentials', 'token_b64', 'DB_PASSWORD_PROD']) {
    assert.equal(classifyName(n), 'strong', n);
  }
  for (const n of ['KEY', 'webhook_thing_key', 'x_key']) assert.equal(classifyName(n), 'weak', n);
  for (const n of ['PASSWORD_RESET_TIMEOUT', 'AUTH_TOKEN_HEADER', 'SECRET_KEY_FILE', 'TOKEN_URL', 'token_hash', 'password_digest', 'public_key', 'cache_key', 'sort_key', 'max_tokens', 'is_secret', 'token_type', 'PASSWORD_HASHERS', 'key_id', 'passenger', 'bypass', 'monkey_id', 'mykey', 'opaquelocktoken']) {
    assert.equal(classifyName(n), null, n);
  }
});

test('decoyReason: references, placeholders, fakes, hashes, data, paths; a real password is none of them', () => {
  const reasons: [string, string | null][] = [
    ['${DB_PASSWORD}', 'reference'], ['{{ vault_pw }}', 'reference'], ['$(vault read x)', 'reference'], ['ENC[AES256_GCM,data:x]', 'reference'],
    ['%(password)s', 'reference'], ['<token>', 'reference'], ['changeme', 'placeholder'], ['xxx', 'too short'], ['xxxxxxxx', 'placeholder'],
    ['your-key-here', 'placeholder'], ['REPLACE_ME', 'placeholder'], ['***', 'too short'], ['*****', 'placeholder'], ['...', 'too short'],
    ['TODO', 'placeholder'], ['fake-password', 'fake'], ['dummy123', 'fake'], ['not-a-real-secret', 'fake'], ['test_pass_9x', 'fake'],
    ['pbkdf2_sha256$600000$abc$def', 'password hash'], ['$2b$12$abcdefghijkl', 'password hash'], ['$argon2id$v=19$m=1$a$b', 'password hash'],
    ['data:image/png;base64,iVBORw0', 'data uri'], ['/run/secrets/db', 'path'], ['certs/server.pem', 'path'], ['https://auth.acme.io/token', 'url'],
    ['3600', 'number'], ['my-secret-password', 'placeholder'], ['s3cr3t', 'placeholder'], ['critical', 'placeholder'],
    ['Autumn#2019', null], ['Tr0ub4dor&3x', null], ['latest-release-7Qz', null],
  ];
  for (const [v, why] of reasons) assert.equal(decoyReason(v, { weak: false }), why, v);
  assert.equal(decoyReason('550e8400-e29b-41d4-a716-446655440000', { weak: true }), 'uuid');
  assert.equal(decoyReason('9f86d081884c7d659a2feaa0c55ad015a3bf4f1b', { weak: true }), 'digest or git sha');
  // Formats that look like credentials but are not (real repositories: GitHub Actions, mkdocs, enums, UI strings).
  for (const v of ['write', 'read', 'inherit', 'include']) assert.equal(decoyReason(v, { weak: false }), 'placeholder', v);
  assert.equal(decoyReason('models/users/token.md', { weak: false }), 'path');
  assert.equal(decoyReason('request', { weak: false, name: 'REQUEST_TOKEN', machine: true }), 'identifier');
  assert.equal(decoyReason('cart', { weak: false, name: 'SESSION_KEY', machine: true }), 'identifier');
  assert.equal(decoyReason("Old password isn't valid.", { weak: false, name: 'old_password', machine: false }), 'prose');
  assert.equal(decoyReason('5f4dcc3b5aa765d61d8327deb882cf99', { weak: false, name: 'password', machine: false }), 'password hash');
  assert.equal(decoyReason('abcdefghijklmnopqrstuvwxyz0123456789', { weak: false }), 'placeholder');
  // A person's password may be a word; a key or token never is.
  assert.equal(decoyReason('lighthouse', { weak: false, name: 'DB_PASSWORD', machine: false }), null);
  assert.equal(decoyReason('plain words', { weak: true }), 'prose');
  assert.equal(decoyReason('a1b2-c3 d4', { weak: true }), 'not token-shaped');
  for (const v of ['NextToken', 'AWSAccessKeyId', 'REFRESH_TOKEN', 'session_token', 'fs.s3.enabled', 'Access-Control-Allow-Credentials', 'arn:aws:kms:us-east-1:1:key/x', '#f8f8f2', '[UNK]', 'asdfasdfasdf', 'ABC12345']) assert.ok(decoyReason(v, { weak: false }), v);
  assert.equal(decoyReason(fake(ALNUM, 24, 'weak') + '7', { weak: true }), null);
  assert.ok(isSelfDescribing('hunter2') && !isSelfDescribing('Autumn#2019'));
});

test('fileKind: lock files, env files, configs', () => {
  const kinds: [string, string][] = [
    ['app/x.py', 'python'], ['.env', 'env'], ['.env.production', 'env'], ['deploy/prod.env', 'env'], ['a.yml', 'yaml'], ['x/config.json', 'json'],
    ['setup.cfg', 'ini'], ['pyproject.toml', 'ini'], ['.pypirc', 'ini'], ['run.sh', 'shell'], ['Dockerfile.prod', 'shell'], ['poetry.lock', 'lock'],
    ['package-lock.json', 'lock'], ['Pipfile.lock', 'lock'], ['uv.lock', 'lock'], ['README.md', 'text'],
    ['deploy/credentials', 'ini'], ['aws_keys', 'text'], ['notes.txt', 'text'], ['app.js', 'other'], ['nb/a.ipynb', 'notebook'], ['.netrc', 'netrc'], ['.pgpass', 'pgpass'],
  ];
  for (const [p, k] of kinds) assert.equal(fileKind(p), k, p);
});

test('suppression comments: pyvet ignore (plain, [secret], [rule id]), allowlist pragma, gitleaks:allow', () => {
  const v = fake(ALNUM, 24, 'sup');
  const lines = [
    `A_TOKEN = "${v}1"  # pyvet: ignore`,
    `B_TOKEN = "${v}2"  # pyvet: ignore[secret]`,
    `C_TOKEN = "${v}3"  # pyvet: ignore[secret.generic-credential]`,
    `D_TOKEN = "${v}4"  # pyvet: ignore[health]`,
    `E_TOKEN = "${v}5"  # pragma: allowlist secret`,
    `F_TOKEN = "${v}6"  // gitleaks:allow`,
  ];
  const r = detect('app.py', lines.join('\n'));
  assert.deepEqual(r.hits.map((h) => h.line), [4], 'ignore[health] does not silence a secret');
  assert.equal(r.suppressed, 5);
});

test('redaction shows a short prefix only, less for short values; evidence masks every secret on the line', () => {
  assert.equal(redact('ghp_' + 'a'.repeat(36)), 'ghp_****');
  assert.equal(redact('Autumn#2019x'), 'Au****');
  assert.equal(redact('Autumn#2'), 'A****');
  assert.equal(redact('hunter'), '****');
  const line = 'a = "SECRET1" ; b = "SECRET2"';
  assert.equal(maskLine(line, [{ start: 5, end: 12, mask: 'X' }, { start: 21, end: 28, mask: 'Y' }]), 'a = "X" ; b = "Y"');
  assert.ok(maskLine('x'.repeat(500) + 'SECRET' + 'y'.repeat(500), [{ start: 500, end: 506, mask: '****' }]).length < 170);
});

test('git paths: C-quoted names (quotes, tabs, UTF-8 octal escapes) are unquoted', () => {
  assert.equal(unquoteGitPath('b/plain name.py'), 'b/plain name.py');
  assert.equal(unquoteGitPath('"b/with\\"quote\\tand tab.py"'), 'b/with"quote\tand tab.py');
  assert.equal(unquoteGitPath('"b/caf\\303\\251.py"'), 'b/café.py');
});
