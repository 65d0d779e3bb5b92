import { decoyReason } from '../decoys.js';
import { fake, ALNUM, HEX } from '../fake.js';
import { classifyName, isPasswordName } from '../names.js';
import { CREDENTIAL_ANCHORS, CREDENTIAL_WORDS } from '../triggers.js';
import type { AssignmentRule } from '../rule.js';

// Longer than any password or token a person or provider writes; beyond it the "value" is data.
const MAX_VALUE = 300;
const pw = (a: string, b: string) => a + b; // split so this file holds no password-looking literal
const uuid = (seed: string) => {
  const h = fake(HEX, 32, seed);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
};

/**
 * `POSTGRES_USER: netbox` then `POSTGRES_PASSWORD: netbox`: a password equal to the user written beside
 * it is a local or CI default (a throwaway service container), as `postgres:postgres@localhost` is.
 */
function sameAsUser(value: string, text: string): boolean {
  if (!/^[\w.-]{1,40}$/.test(value)) return false;
  const esc = value.replace(/[.-]/g, '\\$&');
  return new RegExp(`(?:user(?:name)?|login|id)["']?\\]?[ \\t]*[:=][ \\t]*["'\`]?${esc}(?![\\w.-])`, 'i').test(text);
}

export const genericCredential: AssignmentRule = {
  kind: 'assignment',
  id: 'secret.generic-credential',
  severity: 'high',
  label: 'credential',
  summary: 'Literal password, token, secret or API key assigned to a name that says so',
  docs: {
    what:
      'Finds a literal assigned to a name that says credential — password/passwd/pwd/pass, secret, token, credential, api_key, private/access/secret/signing…_key — in Python, .env, YAML, JSON, INI/TOML and shell (export). The name decides, not the entropy: a dictionary-word password is still a leak. It stays quiet on environment and secret-manager lookups, placeholders and templates, fake/test values, password hashes, paths and URLs, names that only mention a credential (PASSWORD_RESET_TIMEOUT, AUTH_TOKEN_HEADER, SECRET_KEY_FILE, TOKEN_URL, token_hash), and lock files. Other *_key names (cache_key, idempotency_key) need a token-shaped value that is not a UUID or digest.',
    why: 'Hand-written passwords and service tokens are the most common leak in Python services, and the one provider-specific scanners miss because they have no recognisable prefix.',
    example: 'SMTP_PASSWORD = "<a literal password>"',
    fix: 'Change the password or rotate the token, then read it at run time: os.environ["SMTP_PASSWORD"], a settings library (pydantic-settings, django-environ) or a secret manager. Keep committed .env files as .env.example with placeholders.',
  },
  keywords: ['secret', 'token', 'pass', 'pwd', 'psw', 'key', 'cred'],
  trigger: CREDENTIAL_WORDS,
  anchors: CREDENTIAL_ANCHORS,
  accept: (a, ctx) => {
    if (ctx.kind === 'lock' || a.templated || a.value.length > MAX_VALUE) return false;
    const strength = classifyName(a.name);
    if (!strength) return false;
    // Prose and notes (.txt, .md, extensionless files): an unquoted value counts only when token-shaped.
    const weak = strength === 'weak' || (ctx.kind === 'text' && !a.quoted);
    const password = isPasswordName(a.name);
    const why = decoyReason(a.value, { weak, name: a.name, machine: !password });
    // SECRET_COOKIE_KEY = "PYGOAT": capitals read as an identifier, unless the name is used as a key.
    if (why === 'identifier' && !password && strength === 'strong' && /^[A-Z][A-Z0-9_]{3,63}$/.test(a.value)) return 'if-used';
    if (why !== null) return false;
    return !(password && sameAsUser(a.value, ctx.text));
  },
  examples: {
    bad: [
      { file: 'app/mail.py', text: `SMTP_HOST = "smtp.acme.io"\nSMTP_PASSWORD = "${pw('Autumn', '#2019')}"\n`, line: 2 },
      { file: '.env', text: `DEBUG=1\nDB_PASSWORD=${pw('Lighthouse', '-Q7')}\n`, line: 2 },
      { file: 'config/app.yaml', text: `database:\n  host: db\n  password: ${pw('Winter', '2024!')}\n`, line: 3 },
      { file: 'config/app.json', text: `{\n  "api_key": "${fake(ALNUM, 32, 'gc-1')}"\n}\n`, line: 2 },
      { file: 'setup.cfg', text: `[upload]\npassword = ${pw('Marigold', '77x')}\n`, line: 2 },
      { file: 'pyproject.toml', text: `[tool.app]\napi_token = "${fake(ALNUM, 24, 'gc-2')}"\n`, line: 2 },
      { file: 'scripts/deploy.sh', text: `#!/bin/sh\nexport SERVICE_TOKEN=${fake(ALNUM, 28, 'gc-3')}\n`, line: 2 },
      { file: 'app/client.py', text: `requests.post(url, auth=("bot", "x"), json={"client_secret": "${fake(ALNUM, 30, 'gc-4')}"})\n` },
      { file: 'app/db.py', text: `conn = psycopg2.connect(host="db", user="app", password="${pw('Tr0ub4dor', '&3')}")\n` },
      { file: 'app/cfg.py', text: `class Settings:\n    encryption_key: str = "${fake(ALNUM, 32, 'gc-5')}"\n`, line: 2 },
      { file: 'app/k.py', text: `WEBHOOK_KEY = "${fake(ALNUM, 40, 'gc-6')}"\n` },
      // Split over lines with Python's implicit concatenation.
      { file: 'app/split.py', text: `API_TOKEN = (\n    "${fake(ALNUM, 20, 'gc-7')}"\n    "${fake(ALNUM, 20, 'gc-8')}"\n)\n` },
      { file: 'app/split2.py', text: `API_TOKEN = "${fake(ALNUM, 16, 'gc-9')}" "${fake(ALNUM, 16, 'gc-10')}"\n` },
      // A notebook cell (JSON-escaped source).
      { file: 'nb/explore.ipynb', text: `{"cells": [{"cell_type": "code", "source": [\n    "import openai\\n",\n    "api_key = \\"${fake(ALNUM, 32, 'gc-11')}\\"\\n"\n]}]}\n`, line: 3 },
      // netrc and pgpass lines, .npmrc auth tokens.
      { file: '.netrc', text: `machine api.acme.io login deploy password ${pw('Lighthouse', '-Q7x')}\n` },
      { file: 'ops/.pgpass', text: `db.internal:5432:app:app:${pw('Marigold', '77x!')}\n` },
      { file: '.npmrc', text: `//npm.acme.io/:_authToken=${fake(ALNUM, 36, 'gc-12')}\n` },
    ],
    good: [
      { file: 'app/settings.py', text: 'DB_PASSWORD = os.environ["DB_PASSWORD"]\nAPI_TOKEN = os.getenv("API_TOKEN")\nSECRET = config("SECRET")\n' },
      { file: 'app/env.yaml', text: 'password: ${DB_PASSWORD}\ntoken: "{{ vault_api_token }}"\nsecret: !vault |\napi_key: ENC[AES256_GCM,data:abc]\n' },
      { file: '.env.example', text: 'DB_PASSWORD=changeme\nAPI_TOKEN=<token>\nSECRET_KEY=your-key-here\nSMTP_PASSWORD=xxx\nAPI_KEY=...\nTOKEN=REPLACE_ME\nPASSWORD=***\nAPI_SECRET=\n' },
      { file: 'docs/setup.md', text: 'GITHUB_TOKEN = "ghp_<36 letters and digits>"\nSENDGRID_API_KEY = "SG.<22 characters>.<43 characters>"\nAPI_KEY = "sk-<your key>"\n' },
      { file: 'app/constants.py', text: 'PASSWORD_RESET_TIMEOUT = 3600\nAUTH_TOKEN_HEADER = "Authorization"\nSECRET_KEY_FILE = "/run/secrets/key"\nTOKEN_URL = "https://auth.acme.io/oauth/token"\nPASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]\n' },
      { file: 'tests/test_login.py', text: 'password = "fake-password"\ntoken = "dummy-token-value"\napi_key = "example-api-key"\nsecret = "not-a-real-secret"\nPASSWORD = "test-pass-123"\n' },
      { file: 'app/hashes.py', text: `password_hash = "${'pbkdf2_sha256$' + '600000$' + fake(ALNUM, 22, 'h1') + '$' + fake(ALNUM, 43, 'h2')}"\nadmin_password = "${'$2b$12$' + fake(ALNUM, 53, 'h3')}"\nold_pw = "${'$argon2id$v=19$m=65536,t=3,p=4$' + fake(ALNUM, 22, 'h4') + '$' + fake(ALNUM, 43, 'h5')}"\n` },
      { file: 'app/ids.py', text: `REQUEST_ID = "${uuid('u1')}"\nIDEMPOTENCY_KEY = "${uuid('u2')}"\ncache_key = "${fake(HEX, 40, 'sha')}"\nsha256 = "${fake(HEX, 64, 'd1')}"\ntoken_checksum = "${fake(HEX, 32, 'd2')}"\nkey = "${uuid('u3')}"\n` },
      { file: 'app/img.py', text: `secret_badge = "data:image/png;base64,${fake(ALNUM, 80, 'img')}"\n` },
      { file: 'app/code.py', text: 'password = get_password()\ntoken = request.headers["Authorization"]\ndef login(password: str, token: Optional[str] = None): ...\npassword: str\napi_key = ""\nsecret = f"{prefix}-{suffix}"\ntoken = "Bearer {}".format(raw)\nif password == "hunter2hunter":\n    pass\n' },
      { file: 'poetry.lock', text: `[[package]]\nname = "x"\nfiles = [{file = "x.whl", hash = "sha256:${fake(HEX, 64, 'lock')}"}]\n[metadata]\ncontent-hash = "${fake(HEX, 64, 'lock2')}"\n` },
      { file: 'package-lock.json', text: `{"packages": {"node_modules/a": {"integrity": "sha512-${fake(ALNUM, 86, 'int')}==", "token": "${fake(ALNUM, 30, 'lk')}"}}}\n` },
      { file: 'app/keys.py', text: `PUBLIC_KEY = "${fake(ALNUM, 60, 'pub')}"\nsort_key = "${fake(ALNUM, 20, 'sort')}1"\nprimary_key = "id"\nmax_tokens = 512\n` },
      { file: 'app/flags.py', text: 'SHOW_PASSWORD = "false"\nTOKEN_TYPE = "bearer"\npassword_field = "password"\n' },
      // CI workflow keys, nav entries, enum-like constants, UI strings, hex digests: not credentials.
      { file: '.github/workflows/publish.yml', text: 'permissions:\n  id-token: write\n  contents: read\njobs:\n  call:\n    secrets: inherit\n    env:\n      TOKEN: ${{ secrets.PYPI_TOKEN }}\n' },
      { file: '.cirrus.yml', text: `env:\n  GITHUB_TOKEN: ENCRYPTED[${fake(HEX, 96, 'cirrus')}]\n` },
      { file: 'mkdocs.yml', text: "nav:\n  - Token: 'models/users/token.md'\n  - Secrets: secrets/index.md\n" },
      { file: 'app/consts.py', text: "REQUEST_TOKEN = 'request'\nSESSION_KEY = 'cart'\nPRIVATE_KEY = \"name\"\nCSRF_TOKEN = 'csrftoken'\n" },
      { file: 'app/ui.js', text: "fetch(url, { credentials: 'include' })\n" },
      { file: 'app/errors.py', text: `ERRORS = {"old_password": "Old password isn't valid."}\n` },
      { file: 'app/users.py', text: `USERS = {"alice": {"password": "${fake(HEX, 32, 'md5')}"}, "bob": {"password": "${fake(HEX, 64, 'sha')}"}}\n` },
      { file: '.github/workflows/ci.yml', text: 'services:\n  postgres:\n    env:\n      POSTGRES_USER: netbox\n      POSTGRES_PASSWORD: netbox\n' },
      { file: 'app/signing.py', text: 'SECRET_COOKIE_NAME = "session"\nCOOKIE_KEY = "LANG"\n' },
    ],
  },
};
