/**
 * Does a variable, key or flag name say that its value is a credential? The name decides, not the
 * value's entropy: `SMTP_PASSWORD` holds a password whatever it looks like, while
 * `PASSWORD_RESET_TIMEOUT`, `AUTH_TOKEN_HEADER` and `SECRET_KEY_FILE` only mention one.
 */
export type NameStrength = 'strong' | 'weak' | null;

// Words that are a credential on their own.
const STRONG_WORD = /^(?:secret|secrets|token|passwd|password|pwd|passphrase|passcode|credential|credentials|creds|apikey)$/;
// `pass` and `pw` alone are also filter types, loop words, dict keys: alone they need a token-like value.
const SHORT_WORD = new Set(['pass', 'pw', 'psw']);
// Glued names (dbpassword, authtoken, smtppass) count when the glued prefix is one of these.
const GLUE = new Set([
  'db', 'smtp', 'mail', 'email', 'user', 'bot', 'refresh', 'bearer', 'oauth', 'my', 'new', 'old', 'master', 'root',
  'admin', 'sudo', 'ftp', 'ssh', 'ldap', 'redis', 'mysql', 'postgres', 'pg', 'mongo', 'amqp', 'rabbit', 'vault',
  'jenkins', 'docker', 'registry', 'npm', 'pypi', 'git', 'github', 'gitlab', 'slack', 'stripe', 'twilio', 'sendgrid',
  'mailgun', 'openai', 'aws', 'gcp', 'azure', 'heroku', 'api', 'auth', 'access', 'client', 'app', 'session', 'secret',
  'private', 'service', 'webhook', 'signing', 'encryption', 'jwt', 'csrf', 'id',
]);
const GLUED = /^([a-z]+?)(secret|token|passwd|password|pwd|pass|apikey|key)$/;

// `<qualifier>_key` is a credential for these qualifiers; other `*_key` names need a token-like value.
const KEY_QUALIFIERS = new Set([
  'api', 'secret', 'private', 'access', 'auth', 'signing', 'sign', 'encryption', 'encrypt', 'crypt', 'crypto',
  'master', 'license', 'licence', 'client', 'consumer', 'app', 'application', 'account', 'service', 'webhook',
  'session', 'hmac', 'jwt', 'fernet', 'aes', 'shared', 'subscription', 'admin', 'root', 'ssh', 'deploy',
  'integration', 'developer', 'server', 'security', 'cookie', 'csrf', 'token', 'write', 'ingest', 'ingestion',
  'x-api', 'xapi', 'storage', 'cipher',
]);

// Qualifiers that say the key is not a credential: a lookup key, a public half, a database key.
const NOT_CREDENTIAL = new Set([
  'public', 'publishable', 'pub', 'primary', 'foreign', 'sort', 'cache', 'partition', 'lookup', 'dict', 'map',
  'row', 'idempotency', 'object', 's3', 'bucket', 'redis', 'group', 'index', 'unique', 'natural', 'composite',
  'translation', 'i18n', 'message', 'setting', 'settings', 'config', 'env', 'field', 'column', 'attr', 'attribute',
  'property', 'prop', 'param', 'query', 'header', 'hot', 'keyboard', 'registry', 'json', 'yaml', 'dns', 'fingerprint',
  'mapping', 'context', 'state', 'cursor', 'pagination', 'next', 'page', 'continuation', 'resume', 'dedup',
  'dedupe', 'routing', 'shard', 'hash', 'sha', 'sha1', 'sha256', 'sha512', 'md5', 'checksum', 'digest',
  'integrity', 'etag', 'crc', 'crc32', 'signature', 'hashed', 'kid', 'csrftoken', 'max', 'min', 'num', 'n',
  'is', 'has', 'use', 'enable', 'enabled', 'disable', 'show', 'hide', 'require', 'required', 'allow', 'skip',
  'validate', 'verify', 'check', 'get', 'set', 'fetch', 'load', 'generate', 'should', 'can', 'must', 'count',
  'reset', 'forgot', 'mask', 'masked', 'strip', 'placeholder', 'label', 'prompt', 'input', 'widget', 'form',
  'regex', 're', 'pattern', 'type', 'format', 'length', 'len', 'name', 'file', 'path', 'output', 'result',
  'results', 'limit', 'more', 'marker', 'input',
]);

// What may follow the credential word and still name the credential itself (DB_PASSWORD_PROD, token_b64).
const OK_AFTER = new Set([
  'value', 'val', 'str', 'string', 'b64', 'base64', 'hex', 'raw', 'plain', 'plaintext', 'text', 'bytes',
  'prod', 'production', 'dev', 'development', 'staging', 'stage', 'live', 'local', 'default', 'override',
  'old', 'new', 'current', 'previous', 'prev', 'primary', 'secondary', 'backup', 'admin', 'user', 'root',
  'secret', 'key', 'token', 'v1', 'v2', 'v3',
]);

/** Split `DB_PASSWORD`, `dbPassword`, `db-password`, `settings.db.password` into lower-case words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/^-+/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function credentialWord(words: string[], i: number): NameStrength {
  const w = words[i]!;
  if (STRONG_WORD.test(w)) return 'strong';
  if (SHORT_WORD.has(w)) return i > 0 ? 'strong' : 'weak'; // DB_PASS, smtp_pw; a bare `pass` key is weak
  if (w === 'key' || w === 'keys') {
    const q = words[i - 1];
    return q !== undefined && KEY_QUALIFIERS.has(q) ? 'strong' : 'weak';
  }
  // glued: dbpassword, authtoken, secretkey, privatekey (not opaquelocktoken, not monkey)
  const g = GLUED.exec(w);
  if (g && (g[2] === 'key' ? KEY_QUALIFIERS.has(g[1]!) : GLUE.has(g[1]!) || KEY_QUALIFIERS.has(g[1]!))) return 'strong';
  return null;
}

export function classifyName(name: string): NameStrength {
  // self.password, settings.db.password, spring.datasource.password: what comes before the last dot is
  // where the value lives, not what it is.
  const words = nameWords(name.slice(name.lastIndexOf('.') + 1));
  for (let i = words.length - 1; i >= 0; i--) {
    const s = credentialWord(words, i);
    if (!s) continue;
    // Everything after the credential word must still describe the credential (not _TIMEOUT, _FILE, _URL).
    for (let j = i + 1; j < words.length; j++) if (!OK_AFTER.has(words[j]!) && !/^\d+$/.test(words[j]!)) return null;
    // Anything before it that says lookup key, digest or flag disqualifies (public_key, token_hash is caught above).
    for (let j = 0; j < i; j++) if (NOT_CREDENTIAL.has(words[j]!)) return null;
    return s;
  }
  return null;
}

/**
 * Does the name hold a password (chosen by a person, may be a word) rather than a key, token or secret
 * (made by a machine: never a lone lower-case word)?
 */
export function isPasswordName(name: string): boolean {
  return nameWords(name.slice(name.lastIndexOf('.') + 1)).some((w) => /pass|pwd|^pw$|^psw$/.test(w));
}
