import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { parseJson, runCli, TempTree } from './helpers.js';
import { ALNUM, BASE64, DIGITS, HEX, LOWER, UPPER, URLSAFE, b64url, fake, fakePem } from '../src/secrets/fake.js';
import { serviceAccountJson } from '../src/secrets/rules/google.js';

interface JsonFinding {
  rule: string;
  path: string;
  line: number;
  column?: number;
  redacted?: string;
  fingerprint: string;
  message: string;
  evidence?: string;
  remediation: string;
}

/**
 * A realistic fake Python service: a secret of every family, a decoy of every kind, suppressed lines,
 * a binary, an oversized file, an excluded folder, a latin-1 file and a symlink out of the tree.
 * Every value is generated here; `expected` lists "rule path:line" of each planted secret.
 */
function buildService(t: TempTree, outside: TempTree): { expected: string[]; secrets: string[] } {
  const expected: string[] = [];
  const secrets: string[] = [];
  const s = (v: string) => (secrets.push(v), v);
  const file = (rel: string, rows: [string, string?][]) => {
    rows.forEach(([, rule], i) => rule && expected.push(`${rule} ${rel}:${i + 1}`));
    t.write(rel, rows.map(([l]) => l).join('\n') + '\n');
  };
  const uuid = (seed: string) => {
    const h = fake(HEX, 32, seed);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20)}`;
  };
  const jwt = (payload: object, seed: string) =>
    b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' })) + '.' + b64url(JSON.stringify(payload)) + '.' + fake(URLSAFE, 86, seed);
  const awsDocId = 'AKIA' + 'IOSFODNN7' + 'EXAMPLE';
  const awsDocSecret = 'wJalrXUtnFEMI/K7MDENG/' + 'bPxRfiCY' + 'EXAMPLEKEY';
  const djangoKey = s('django-insecure-' + fake(ALNUM + '!@#%^&*(-_=+)', 50, 'e2e-dj'));
  const dbPw = s(fake(ALNUM, 20, 'e2e-dbpw'));
  const mailPw = s('Autumn' + '#2019');
  const awsId = s('AKIA' + fake(UPPER + '234567', 16, 'e2e-aws'));
  const awsSecret = s(fake(BASE64, 40, 'e2e-aws-secret'));
  const stripe = s('sk_' + 'live_' + fake(ALNUM, 99, 'e2e-stripe'));
  const sendgrid = s('SG' + '.' + fake(URLSAFE, 22, 'e2e-sg') + '.' + fake(URLSAFE, 43, 'e2e-sg2'));

  file('service/settings.py', [
    ['import os'],
    ['from decouple import config'],
    [''],
    [`SECRET_KEY = "${djangoKey}"`, 'secret.django-secret-key'],
    ['DEBUG = False'],
    [`DATABASES = {"default": dj_database_url.parse("postgres://app:${dbPw}@db.internal:5432/app")}`, 'secret.connection-url-password'],
    [`EMAIL_HOST_PASSWORD = "${mailPw}"`, 'secret.generic-credential'],
    [`AWS_ACCESS_KEY_ID = "${awsId}"`, 'secret.aws-access-key'],
    [`AWS_SECRET_ACCESS_KEY = "${awsSecret}"`, 'secret.aws-secret-key'],
    [`STRIPE_SECRET_KEY = "${stripe}"`, 'secret.stripe-live-key'],
    [`SENDGRID_API_KEY = "${sendgrid}"`, 'secret.sendgrid-api-key'],
    ['# decoys: environment and secret-manager lookups'],
    ['DB_PASSWORD = os.environ["DB_PASSWORD"]'],
    ['API_TOKEN = os.getenv("API_TOKEN")'],
    ['SIGNING_SECRET = config("SIGNING_SECRET")'],
    ['# decoys: names that only mention a credential'],
    ['PASSWORD_RESET_TIMEOUT = 3600'],
    ['AUTH_TOKEN_HEADER = "Authorization"'],
    ['SECRET_KEY_FILE = "/run/secrets/key"'],
    ['TOKEN_URL = "https://auth.acme.io/oauth/token"'],
    ['PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]'],
    ['# decoys: documented examples and test-mode keys'],
    [`DOCS_AWS_KEY_ID = "${awsDocId}"`],
    [`DOCS_AWS_SECRET_ACCESS_KEY = "${awsDocSecret}"`],
    [`STRIPE_TEST_KEY = "${'sk_' + 'test_' + fake(ALNUM, 99, 'e2e-stripe-test')}"`],
    [`STRIPE_PUBLISHABLE_KEY = "${'pk_' + 'live_' + fake(ALNUM, 99, 'e2e-pk')}"`],
    ['# decoys: code on the right, annotations, empty strings, templates'],
    ['password = get_password()'],
    ['token = request.headers["Authorization"]'],
    ['def login(username: str, password: str, token: Optional[str] = None) -> bool: ...'],
    ['api_key: str'],
    ['client_secret = ""'],
    ['secret = f"{prefix}-{suffix}"'],
    ['auth_token = "Bearer {}".format(raw)'],
    ['# suppressed on purpose'],
    [`LEGACY_PASSWORD = "${s(fake(ALNUM, 16, 'e2e-sup1'))}"  # pyvet: ignore[secret]`],
    [`OLD_TOKEN = "${s(fake(ALNUM, 24, 'e2e-sup2'))}"  # pragma: allowlist secret`],
    [`OLD_SECRET = "${s(fake(ALNUM, 24, 'e2e-sup3'))}"  # gitleaks:allow`],
  ]);

  file('.env', [
    ['DEBUG=0'],
    [`GITHUB_TOKEN=${s('ghp' + '_' + fake(ALNUM, 36, 'e2e-gh'))}`, 'secret.github-token'],
    [`SLACK_BOT_TOKEN=${s('xox' + 'b-' + fake(DIGITS, 12, 'e2e-sl') + '-' + fake(DIGITS, 13, 'e2e-sl2') + '-' + fake(ALNUM, 24, 'e2e-sl3'))}`, 'secret.slack-token'],
    [`OPENAI_API_KEY=${s('sk-' + 'proj-' + fake(URLSAFE, 74, 'e2e-oa') + 'T3Blbk' + 'FJ' + fake(URLSAFE, 74, 'e2e-oa2'))}`, 'secret.openai-api-key'],
    [`ANTHROPIC_API_KEY=${s('sk-' + 'ant-' + 'api03-' + fake(URLSAFE, 93, 'e2e-an') + 'AA')}`, 'secret.anthropic-api-key'],
    [`HF_TOKEN=${s('hf' + '_' + fake(UPPER + LOWER, 34, 'e2e-hf'))}`, 'secret.huggingface-token'],
    [`REDIS_URL=redis://default:${s(fake(ALNUM, 24, 'e2e-redis'))}@cache.internal:6379/0`, 'secret.connection-url-password'],
    [`SMTP_PASSWORD=${s('Winter' + '2024!')}`, 'secret.generic-credential'],
    ['SENTRY_DSN=${SENTRY_DSN}'],
    ['CACHE_PASSWORD='],
  ]);

  file('.env.example', [
    ['DB_PASSWORD=changeme'],
    ['API_TOKEN=<token>'],
    ['SECRET_KEY=your-key-here'],
    ['SMTP_PASSWORD=xxx'],
    ['API_KEY=...'],
    ['GITHUB_TOKEN=REPLACE_ME'],
    ['ADMIN_PASSWORD=***'],
    ['DATABASE_URL=postgres://app:${DB_PASSWORD}@localhost:5432/app'],
  ]);

  const webhook = s('https://hooks.' + 'slack.com/services/T' + fake(UPPER + DIGITS, 10, 'e2e-wh') + '/B' + fake(UPPER + DIGITS, 10, 'e2e-wh2') + '/' + fake(ALNUM, 24, 'e2e-wh3'));
  file('config/config.yaml', [
    ['app:'],
    ['  name: billing'],
    [`  alerts_webhook: ${webhook}`, 'secret.slack-webhook'],
    ['gitlab:'],
    [`  token: ${s('glpat' + '-' + fake(ALNUM, 20, 'e2e-gl'))}`, 'secret.gitlab-token'],
    ['database:'],
    [`  password: ${s('Tr0ub4dor' + '&3x')}`, 'secret.generic-credential'],
    ['  replica_password: "{{ vault_replica_password }}"'],
    ['  backup_password: ${BACKUP_PASSWORD}'],
    ['  admin_password: !vault |'],
    ['    $ANSIBLE_VAULT;1.1;AES256'],
  ]);

  file('docker-compose.yml', [
    ['services:'],
    ['  db:'],
    ['    image: postgres:16'],
    ['    environment:'],
    [`      - POSTGRES_PASSWORD=${s(fake(ALNUM, 18, 'e2e-pg'))}`, 'secret.generic-credential'],
    ['      - POSTGRES_USER=app'],
    ['  web:'],
    ['    environment:'],
    ['      DATABASE_URL: postgres://postgres:postgres@db:5432/app'],
    ['      CACHE_URL: redis://:${REDIS_PASSWORD}@cache:6379'],
    [`      MONGO_URL: mongodb+srv://app:${s(fake(ALNUM, 22, 'e2e-mongo'))}@cluster0.mongo.net/app`, 'secret.connection-url-password'],
  ]);

  const sa = serviceAccountJson('e2e-sa');
  t.write('deploy/gcp-service-account.json', sa);
  expected.push('secret.google-service-account deploy/gcp-service-account.json:5');
  secrets.push(/"private_key": "([^"]+)"/.exec(sa)![1]!.split('\\n')[1]!);
  for (const [rel, label, seed] of [['deploy/id_rsa', 'RSA', 'e2e-rsa'], ['deploy/keys/id_ed25519', 'OPENSSH', 'e2e-ed']] as const) {
    const pem = fakePem(label, seed);
    t.write(rel, pem + '\n');
    expected.push(`secret.private-key ${rel}:1`);
    secrets.push(...pem.split('\n').slice(1, -1));
  }

  const pypi = s('pypi-' + 'AgEIcHlwaS5vcmc' + fake(URLSAFE, 150, 'e2e-pypi'));
  file('scripts/release.sh', [
    ['#!/bin/sh'],
    ['set -eu'],
    [`export TWINE_PASSWORD=${pypi}`, 'secret.pypi-token'],
    [`export SERVICE_TOKEN=${s(fake(ALNUM, 28, 'e2e-svc'))}`, 'secret.generic-credential'],
    ['twine upload -u __token__ -p "${PYPI_TOKEN}" dist/*'],
    ['export DEPLOY_TOKEN=$(vault kv get -field=token secret/deploy)'],
  ]);
  file('frontend/.npmrc', [['registry=https://registry.npmjs.org/'], [`//registry.npmjs.org/:_authToken=${s('npm' + '_' + fake(ALNUM, 36, 'e2e-npm'))}`, 'secret.npm-token'], ['//npm.pkg.github.com/:_authToken=${NPM_TOKEN}']]);

  file('app/sms.py', [
    ['from twilio.rest import Client'],
    [`TWILIO_ACCOUNT_SID = "${'AC' + fake(HEX, 32, 'e2e-tw-sid')}"`],
    [`TWILIO_AUTH_TOKEN = "${s(fake(HEX, 32, 'e2e-tw-token'))}"`, 'secret.twilio-auth-token'],
    [`client = Client("${s('SK' + fake(HEX, 32, 'e2e-tw-key'))}", api_secret, TWILIO_ACCOUNT_SID)`, 'secret.twilio-api-key'],
  ]);
  file('app/maps.py', [['import googlemaps'], [`gmaps = googlemaps.Client(key="${s('AI' + 'za' + fake(URLSAFE, 35, 'e2e-gapi'))}")`, 'secret.google-api-key']]);
  file('app/reports.py', [
    ['import requests'],
    [`REPORTING_JWT = "${s(jwt({ sub: 'svc-reporting', iss: 'auth.acme.io', exp: 4102444800 }, 'e2e-jwt'))}"`, 'secret.jwt'],
    ['def fetch(url: str, token: str = "") -> dict:'],
    ['    return requests.get(url, headers={"Authorization": f"Bearer {token}"}).json()'],
  ]);
  // A minified bundle: one long line, the token in the middle of it.
  const ghMin = s('gh' + 'o_' + fake(ALNUM, 36, 'e2e-min'));
  t.write('static/app.min.js', 'var a=' + '1+'.repeat(5000) + `1;window.__cfg={auth:"${ghMin}"};` + 'function f(){return 2}'.repeat(2000) + '\n');
  expected.push('secret.github-token static/app.min.js:1');

  // Decoys in tests: fake/dummy/example/not-a-real values, test-mode keys, the jwt.io sample, hashes, ids.
  file('tests/test_auth.py', [
    ['PASSWORD = "fake-password-123"'],
    ['api_key = "dummy-api-key"'],
    ['token = "example-token-value"'],
    ['client_secret = "not-a-real-secret"'],
    ['db_password = "test-db-password"'],
    ['webhook_secret = "sample_webhook_secret"'],
    [`stripe_key = "${'sk_' + 'test_' + fake(ALNUM, 24, 'e2e-st')}"`],
    [`SAMPLE_JWT = "${jwt({ sub: '1234567890', name: 'John Doe', iat: 1516239022 }, 'e2e-jwtio')}"`],
    [`password_hash = "${'pbkdf2_sha256$' + '600000$' + fake(ALNUM, 22, 'e2e-h1') + '$' + fake(BASE64, 43, 'e2e-h2')}="`],
    [`admin_password = "${'$2b$' + '12$' + fake(ALNUM, 53, 'e2e-h3')}"`],
    [`user_password = "${'$argon2id$' + 'v=19$m=65536,t=3,p=4$' + fake(ALNUM, 22, 'e2e-h4') + '$' + fake(ALNUM, 43, 'e2e-h5')}"`],
    [`avatar_token = "data:image/png;base64,${fake(BASE64, 120, 'e2e-img')}"`],
    [`REQUEST_ID = "${uuid('e2e-u1')}"`],
    [`idempotency_key = "${uuid('e2e-u2')}"`],
    [`deploy_key_sha = "${fake(HEX, 40, 'e2e-sha')}"`],
    [`cache_key = "${fake(HEX, 40, 'e2e-cache')}"`],
    [`token_checksum = "${fake(HEX, 64, 'e2e-ck')}"`],
    [`package_sha256 = "${fake(HEX, 64, 'e2e-pkg')}"`],
    [`etag_key = "${fake(HEX, 32, 'e2e-etag')}"`],
    [`file_md5 = "${fake(HEX, 32, 'e2e-md5')}"`],
    [`token_hash = "${fake(HEX, 64, 'e2e-th')}"`],
    [`password_digest = "${fake(BASE64, 44, 'e2e-pd')}"`],
    [`secret_integrity = "sha384-${fake(BASE64, 64, 'e2e-sri')}"`],
    [`AUTH_TOKEN_HEADER = "X-Auth-Token"`],
    [`api_key = settings.API_KEY`],
    ['if password == "hunter2hunter2":'],
    ['    pass'],
  ]);

  // Lock files: integrity hashes everywhere, never credentials.
  t.write('poetry.lock', `[[package]]\nname = "requests"\nfiles = [\n    {file = "requests-2.32.3.tar.gz", hash = "sha256:${fake(HEX, 64, 'e2e-l1')}"},\n]\n\n[metadata]\ncontent-hash = "${fake(HEX, 64, 'e2e-l2')}"\n`);
  t.write('Pipfile.lock', `{"_meta": {"hash": {"sha256": "${fake(HEX, 64, 'e2e-l3')}"}}, "default": {"requests": {"hashes": ["sha256:${fake(HEX, 64, 'e2e-l4')}"]}}}\n`);
  t.write('uv.lock', `[[package]]\nname = "httpx"\nsdist = { url = "https://files.pythonhosted.org/x.tar.gz", hash = "sha256:${fake(HEX, 64, 'e2e-l5')}" }\n`);
  t.write('frontend/package-lock.json', `{\n  "packages": {\n    "node_modules/left-pad": {\n      "integrity": "sha512-${fake(BASE64, 86, 'e2e-l6')}=="\n    }\n  }\n}\n`);

  // Not scanned: excluded by config, binary, over the size cap (set to 64 KB below), outside through a symlink.
  t.write('pyproject.toml', '[project]\nname = "billing"\n\n[tool.pyvet]\nexclude = ["vendor/"]\nmax-file-size = "64KB"\n');
  t.write('vendor/thirdparty/config.py', `API_TOKEN = "${s(fake(ALNUM, 30, 'e2e-vendor'))}"\n`);
  t.write('assets/logo.bin', Buffer.concat([Buffer.from([0x89, 0x50, 0, 0, 1]), Buffer.from(`GITHUB_TOKEN=${s('ghp' + '_' + fake(ALNUM, 36, 'e2e-bin'))}`)]));
  t.write('data/huge.sql', `-- dump\nINSERT INTO t VALUES ('${s('ghp' + '_' + fake(ALNUM, 36, 'e2e-huge'))}');\n` + '-- filler\n'.repeat(8000));
  outside.write('leak.py', `API_TOKEN = "${s(fake(ALNUM, 30, 'e2e-outside'))}"\n`);
  symlinkSync(outside.dir, t.path('linked'));

  // Non-UTF-8 (latin-1) text is still scanned.
  t.write('legacy/config_latin1.py', Buffer.concat([Buffer.from('# caf\xe9 r\xe9glages\n', 'latin1'), Buffer.from(`MAIL_PASSWORD = "${s('Sommer' + '2023$')}"\n`)]));
  expected.push('secret.generic-credential legacy/config_latin1.py:2');
  return { expected: expected.sort(), secrets };
}

const key = (f: { rule: string; path: string; line: number }) => `${f.rule} ${f.path}:${f.line}`;

test('fake service: every planted secret at its exact line, no decoy (precision and recall 100%)', async () => {
  const t = new TempTree('pyvet-secrets-e2e-');
  const outside = new TempTree('pyvet-outside-');
  try {
    const { expected } = buildService(t, outside);
    const r = await runCli(['secrets', t.dir, '--format', 'json', '--fail-on', 'none']);
    assert.equal(r.code, 0, r.stderr);
    const report = parseJson<{ findings: JsonFinding[]; secrets: Record<string, number>; errors: unknown[] }>(r.stdout);
    const got = report.findings.map(key).sort();
    const tp = got.filter((g) => expected.includes(g)).length;
    assert.deepEqual(got, expected, `recall ${tp}/${expected.length}, precision ${tp}/${got.length}`);
    const families = new Set(report.findings.map((f) => f.rule));
    assert.equal(families.size, 22, 'a secret of every rule');
    assert.equal(report.secrets.suppressed, 3);
    assert.equal(report.secrets.skippedBinary, 1);
    assert.equal(report.secrets.skippedLarge, 1);
    for (const f of report.findings) {
      assert.ok(f.column && f.column >= 1, `${key(f)} column`);
      assert.match(f.fingerprint, /^[0-9a-f]{32}$/);
      assert.ok(f.redacted && f.redacted.endsWith('****'), `${key(f)} redacted`);
      assert.match(f.remediation, /rotate/i);
    }
    const min = report.findings.find((f) => f.path === 'static/app.min.js')!;
    assert.equal(min.column, 'var a='.length + '1+'.repeat(5000).length + '1;window.__cfg={auth:"'.length + 1);
  } finally {
    t.cleanup();
    outside.cleanup();
  }
});

test('no output format prints a secret: secrets in every format, scan into every format', async () => {
  const t = new TempTree('pyvet-secrets-leak-');
  const out = new TempTree('pyvet-secrets-out-');
  const outside = new TempTree('pyvet-outside-');
  try {
    const { secrets } = buildService(t, outside);
    const outputs: [string, string][] = [];
    for (const f of ['text', 'json', 'sarif', 'markdown']) {
      const r = await runCli(['secrets', t.dir, '--format', f, '--history']);
      assert.ok(r.code === 1, `secrets --format ${f} exit ${r.code}: ${r.stderr}`);
      outputs.push([`secrets ${f}`, r.stdout + r.stderr]);
    }
    const scan = await runCli(['scan', t.dir, '--format', 'json,sarif,markdown,html,text', '--output-dir', out.dir, '--no-store']);
    assert.ok(scan.code === 0 || scan.code === 1, `scan exit ${scan.code}: ${scan.stderr}`);
    outputs.push(['scan stdout', scan.stdout + scan.stderr]);
    const files = readdirSync(out.dir);
    assert.ok(files.length >= 5, `scan wrote ${files.join(', ')}`);
    for (const f of files) outputs.push([`scan ${f}`, readFileSync(path.join(out.dir, f), 'utf8')]);
    const baseline = path.join(out.dir, 'baseline.json');
    await runCli(['secrets', t.dir, '--write-baseline', baseline, '--format', 'json']);
    outputs.push(['baseline', readFileSync(baseline, 'utf8')]);
    const leaks = outputs.flatMap(([where, text]) => secrets.filter((v) => text.includes(v)).map((v) => `${where}: ${v.slice(0, 4)}…`));
    assert.deepEqual(leaks, [], 'outputs that print a secret');
  } finally {
    t.cleanup();
    out.cleanup();
    outside.cleanup();
  }
});
