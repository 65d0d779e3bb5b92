import { nameWords } from './names.js';

/**
 * Values that sit where a secret would but are not one: references to the environment or a secret
 * manager, placeholders, fake/test values, hashes, paths. Shared by every rule; context decides.
 */

// ${VAR}, $VAR, $(cmd), {{ vault }}, %(name)s, {name}, <token>, ENC[...] (sops), ENCRYPTED[...] (Cirrus CI), !vault, vault:, arn:…:secretsmanager
const REFERENCE =
  /^\$|\$\{|\{\{|\}\}|%\(|%[sd]\b|^\{[\w.-]*\}$|^<[^<>]*>$|^ENC(?:RYPTED)?\[|^!|^vault:|^(?:env|ssm|secretsmanager|gcp|azure|op|doppler|infisical):|arn:aws:(?:secretsmanager|ssm)|@Microsoft\.KeyVault|^projects\/[^/]+\/secrets\/|os\.environ|getenv\(/;

// changeme, xxx, ***, ..., your-key-here, REPLACE_ME, <token>, ghp_<36 letters and digits>, TODO
const PLACEHOLDER =
  /<[\w -]*[A-Za-z]{3}[\w -]*>|change[-_ ]?(?:me|it|this)|replace[-_ ]?(?:me|this|with)|your[-_ ]?[a-z]*[-_ ]?(?:key|token|secret|password|pass|here)|(?:^|[-_ ])here$|xxxx|x{3,}$|^x+$|\*\*\*|\.\.\.|…|placeholder|redacted|^(?:todo|tbd|fixme|none|null|nil|undefined|true|false|yes|no|on|off|required|optional|default|string|str|bytes|text|secret|secrets|password|passwd|pass|token|key|apikey|api[-_]key|credentials?|value|empty|blank|n\/?a|tba)$|^(?:insert|enter|put|add|set)[-_ ][a-z]/i;

// Configuration vocabulary that lands under credential-ish keys ({"secret.aws-access-key": "critical"}).
// GitHub Actions `permissions:` values and `secrets: inherit` are CI vocabulary too (`id-token: write`).
const ENUM_WORD = /^(?:critical|high|medium|low|info|warning|warn|error|debug|trace|auto|always|never|enabled|disabled|hidden|visible|masked|basic|digest|oauth2?|bearer|header|query|cookie|sha\d*|md5|hs256|rs256|es256|utf-?8|read|write|read-all|write-all|inherit|include|same-origin|omit)$/i;

// fake, dummy, example, sample, not-a-real, test values, mocks (a word, not part of "latest" or "contest")
const FAKE = /fake|dummy|example|sample|not[-_ ]?a[-_ ]?real|not[-_ ]?real|bogus|(?:^|[^a-z])(?:test|testing|mock|stub|demo|invalid|foo|foobar|lorem)(?:[^a-z]|$)/i;

// pbkdf2_sha256$…, $2b$ bcrypt, $argon2id$, $6$ sha512-crypt, sha1$…, md5$…, {SSHA}
const PASSWORD_HASH = /^(?:pbkdf2_sha\d+|pbkdf2|argon2|bcrypt_sha256|bcrypt|scrypt|sha1|md5|unsalted_md5|crypt)\$|^\$(?:2[abxy]?|argon2(?:id|i|d)|[1356]|5|y|scrypt|pbkdf2[\w-]*)\$|^\{S?SHA(?:256|512)?\}/i;

const DATA_URI = /^data:[\w.+-]+\/[\w.+-]+;base64,/i;
// Identifiers, not secrets: REFRESH_TOKEN, session_token, Access-Control-Allow-Credentials, fs.s3.enabled,
// serverlessrepo:applicationId. (Random tokens have digits, or segments that start with one.)
const IDENTIFIER = /^(?:[A-Za-z]+(?:[_-][A-Za-z]+)+|[A-Z]+|[a-z][a-z0-9_]*(?:[.:][A-Za-z][A-Za-z0-9_]*)+)$/;
// NextToken, AWSAccessKeyId, IAmSensitive: letters only with a camel hump; short enough to be a name.
const CAMEL = /^(?=[A-Za-z]{4,29}$)[A-Za-z]*[a-z][A-Z][A-Za-z]*$/;
// abc123, 12345678, ABC12345, qwerty: sequences typed as stand-ins
const SEQUENCE = /0123|1234|2345|3456|4567|5678|6789|abcd|bcde|qwer|asdf/i;
// arn:aws:…, 0x1f, #f8f8f2, [UNK], a regex such as [^\W\d]\w*
const OTHER_NOT_SECRET = /^arn:|^0x[0-9a-f]+$|^#[0-9a-f]{3,8}$|^\[[\w -]*\]$|\\[dswbDSWB]|\[\^|\(\?[:=!<]/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A path, or a file name: mkdocs `nav:` and Sphinx toctree entries (`- Token: 'models/users/token.md'`) too.
const PATH_LIKE = /^(?:\/|\.{1,2}\/|~\/|[A-Za-z]:\\)[^\s]*$|\.(?:pem|key|crt|cer|p12|pfx|json|txt|env|ya?ml|toml|ini|cfg|conf|md|markdown|rst|html?|ipynb|py)$/i;
// MD5, SHA-1, SHA-256 and SHA-512 hex digests: under a password name, a password hash (unsalted), not the password.
const HEX_DIGEST = /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}|[0-9a-f]{128})$/i;
// A UI or error string: words with punctuation ("Old password isn't valid.").
const PROSE = /^[A-Za-z][\w'’,.!?;:()-]*(?: [\w'’,.!?;:()-]+){2,}$/;
// Runs of the alphabet, digits or the keyboard (abcdefghijklmnop…): typed stand-ins, whatever their length.
const RUN = /abcdefgh|bcdefghi|01234567|12345678|qwertyui|asdfghjk/i;

/** Referenced from elsewhere (environment, template, secret manager) rather than written here. */
export function isReference(v: string): boolean {
  return REFERENCE.test(v);
}

// Words a value is made of when it only names itself (my-secret-password, ghp_secret, s3cret, hunter2):
// documentation and test values, not credentials. A real password adds something else (Autumn#2019).
const VOCAB = [
  'secret', 'secrets', 'password', 'passwd', 'pass', 'pwd', 'token', 'key', 'api', 'apikey', 'my', 'your', 'our',
  'the', 'some', 'super', 'very', 'top', 'private', 'access', 'auth', 'ghp', 'sk', 'live', 'db', 'database',
  'user', 'username', 'admin', 'root', 'app', 'value', 'here', 'string', 'dev', 'local', 'default', 'new', 'old',
  'hunter', 'letmein', 'qwerty', 'changeit', 'welcome', 'guest', 'abc', 'xyz', 'postgres', 'mysql', 'redis',
  'rabbit', 'bearer', 'client', 'shh', 'hush', 'pw', 's', 'x', 'development', 'production', 'staging', 'insecure',
  'unsafe', 'change', 'please', 'signing', 'session', 'cookie',
  // RFC 7617's Basic-auth example (Aladdin / open sesame), quoted in countless tests
  'aladdin', 'open', 'sesame',
];
const VOCAB_SET = new Set(VOCAB);
const VOCAB_MAX = Math.max(...VOCAB.map((w) => w.length));

/** Is `letters` a concatenation of vocabulary words? Dynamic programming, linear in practice (no regex backtracking). */
function vocabularyOnly(letters: string): boolean {
  if (!letters || letters.length > 64) return false;
  const ok = new Array<boolean>(letters.length + 1).fill(false);
  ok[0] = true;
  for (let i = 1; i <= letters.length; i++) {
    for (let w = 1; w <= Math.min(VOCAB_MAX, i) && !ok[i]; w++) ok[i] = ok[i - w]! && VOCAB_SET.has(letters.slice(i - w, i));
  }
  return ok[letters.length]!;
}

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };

/** A value made only of credential vocabulary, optionally leet-spelled or with a short number: a stand-in. */
export function isSelfDescribing(v: string): boolean {
  const lower = v.toLowerCase();
  const digits = lower.replace(/[^0-9]/g, '').length;
  if (digits <= 4 && vocabularyOnly(lower.replace(/[^a-z]/g, ''))) return true;
  return v.length <= 24 && vocabularyOnly([...lower].map((c) => LEET[c] ?? c).join('').replace(/[^a-z]/g, ''));
}

export function isPlaceholder(v: string): boolean {
  if (PLACEHOLDER.test(v) || ENUM_WORD.test(v) || isSelfDescribing(v)) return true;
  // one repeated character or two alternating ones (aaaaaa, abababab), or a long run (SK0000000000…)
  return new Set(v).size <= 2 || /(.)\1{7}/.test(v);
}

export function isFake(v: string): boolean {
  return FAKE.test(v);
}

export function isPasswordHash(v: string): boolean {
  return PASSWORD_HASH.test(v);
}

/** A value a provider-prefixed token rule should ignore: documented example keys, xxxx, fake words. */
export function isDecoyToken(v: string): boolean {
  return /example|fake|dummy|sample|xxxx|placeholder|notreal|0000000000/i.test(v) || new Set(v).size <= 3;
}

export interface DecoyOptions {
  /** The name does not say credential on its own (`cache_key`): only a token-shaped value counts. */
  weak: boolean;
  /** The name the value was assigned to: a value that is a word of it is an enum (`REQUEST_TOKEN = 'request'`). */
  name?: string;
  /**
   * The name says key, token or secret rather than password: machine-made values, never a single
   * lower-case word (`SESSION_KEY = 'cart'`, `credentials: 'include'`). A password can be a word.
   */
  machine?: boolean;
}

/** Why a literal under a credential name is not a credential, or null when it is one. */
export function decoyReason(v: string, opts: DecoyOptions): string | null {
  const t = v.trim();
  if (t.length < 4) return 'too short';
  if (isPasswordHash(t)) return 'password hash'; // before references: bcrypt starts with $
  if (opts.machine === false && HEX_DIGEST.test(t)) return 'password hash'; // "password": "<md5 hex>"
  if (isReference(t)) return 'reference';
  if (isPlaceholder(t)) return 'placeholder';
  if (isFake(t)) return 'fake';
  if (DATA_URI.test(t)) return 'data uri';
  if (PATH_LIKE.test(t)) return 'path';
  if (UUID.test(t)) return 'uuid';
  if (IDENTIFIER.test(t) || CAMEL.test(t)) return 'identifier';
  if (/^[A-Za-z]+(?: [A-Za-z]+)+$/.test(t) || PROSE.test(t)) return 'prose'; // a label, phrase or message
  if ((t.length <= 12 && SEQUENCE.test(t)) || RUN.test(t)) return 'placeholder';
  if (opts.name && nameWords(opts.name).includes(t.toLowerCase())) return 'identifier'; // REQUEST_TOKEN = 'request'
  if (opts.machine && /^[a-z]{1,24}$/.test(t)) return 'identifier'; // SESSION_KEY = 'cart', PRIVATE_KEY = "name"
  if (OTHER_NOT_SECRET.test(t)) return 'identifier';
  if (/^(.{1,4})\1{2,}$/.test(t)) return 'placeholder'; // asdfasdfasdf, abcabcabc
  if (/^https?:\/\/[^@\s]*$/i.test(t)) return 'url';
  if (/^-?\d+(?:\.\d+)?$/.test(t)) return 'number';
  if (t.split(/\s+/).length >= 5) return 'prose'; // a sentence (docs, help text), not a passphrase
  if (opts.weak) {
    // `*_key` names that do not say credential: only a token-shaped value counts, and not an id or digest.
    if (/^[0-9a-f]{40}$|^[0-9a-f]{64}$/i.test(t)) return 'digest or git sha';
    if (!/^[A-Za-z0-9+/=_\-.~]{16,}$/.test(t) || !/[0-9]/.test(t) || !/[A-Za-z]/.test(t)) return 'not token-shaped';
  }
  return null;
}
