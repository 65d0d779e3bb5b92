import { decoyReason } from '../decoys.js';
import { fake, ALNUM } from '../fake.js';
import type { PatternRule } from '../rule.js';

const SCHEMES = [
  'postgres', 'postgresql', 'mysql', 'mariadb', 'redis', 'rediss', 'amqp', 'amqps', 'mongodb', 'mongodb\\+srv',
  'mssql', 'sqlserver', 'oracle', 'cockroachdb', 'clickhouse', 'neo4j', 'neo4j\\+s', 'bolt', 'couchdb', 'cassandra',
  'elasticsearch', 'kafka', 'nats', 'memcached', 'ldap', 'ldaps', 'smtp', 'smtps', 'imap', 'imaps', 'ftp', 'ftps',
  'sftp', 'ssh', 'git', 'https?', 'db2', 'snowflake', 'redshift', 'influxdb', 'sqs', 'celery',
];

// scheme[+driver]://user:password@host — the password is the secret; every part is bounded.
const URL_RE = new RegExp(
  `(?<![A-Za-z0-9+.-])(?:${SCHEMES.join('|')})(?:\\+[a-z0-9]{1,20}){0,2}://(?<user>[^\\s:@/'"<>{}\`]{0,256}):(?<s>[^\\s@/'"<>\`]{1,256})@(?=[^\\s@/'"<>]{1,256})`,
  'gi',
);

const WEAK_DEFAULTS = /^(?:password|passwd|pass|pwd|secret|changeme|admin|root|guest|user|username|mypassword|yourpassword)$/i;

const url = (scheme: string, seed: string, host = 'db.internal:5432/app') => `${scheme}://app:${fake(ALNUM, 18, seed)}@${host}`;

export const connectionUrlPassword: PatternRule = {
  kind: 'pattern',
  id: 'secret.connection-url-password',
  severity: 'high',
  label: 'password in a connection URL',
  summary: 'Connection URL with an embedded password (database, cache, broker, mail, git) committed to the repository',
  docs: {
    what: 'Finds user:password@ credentials inside URLs for databases (postgres, mysql, mssql, oracle, mongodb, mongodb+srv…), caches and brokers (redis, amqp…), mail, LDAP, FTP and HTTP(S). The password is the secret.',
    why: 'DATABASE_URL-style strings are copied from a server’s environment into settings files and compose files; the password opens the database directly.',
    example: 'DATABASE_URL = "postgresql://app:<password>@db.internal:5432/app"',
    fix: 'Change the database user’s password, then build the URL from environment variables (DATABASE_URL) or a secret manager; keep placeholders such as ${DB_PASSWORD} in committed files.',
  },
  keywords: ['://'],
  trigger: '@(?<=://[^\\s:@/]{0,64}:[^\\s@/]{1,64}@)',
  anchors: ['://'],
  pattern: URL_RE,
  validate: (pw, _ctx, m) => {
    if (m.groups?.user === pw) return false; // postgres:postgres@localhost: a local default, not a leak
    if (WEAK_DEFAULTS.test(pw)) return false;
    let decoded = pw;
    try {
      decoded = decodeURIComponent(pw);
    } catch {
      // not percent-encoded
    }
    return decoyReason(decoded, { weak: false }) === null;
  },
  examples: {
    bad: [
      { file: 'app/settings.py', text: `DATABASES = {"default": dj_database_url.parse("${url('postgres', 'cu-1')}")}\n` },
      { file: 'docker-compose.yml', text: `services:\n  worker:\n    environment:\n      CELERY_BROKER_URL: ${url('amqp', 'cu-2', 'rabbit:5672//')}\n`, line: 4 },
      { file: '.env', text: `REDIS_URL=${url('redis', 'cu-3', 'cache:6379/0')}\nMONGO_URL=${url('mongodb+srv', 'cu-4', 'cluster0.mongo.net/app')}\n`, lines: [1, 2] },
      { file: 'app/db.py', text: `engine = create_engine("${url('mssql+pyodbc', 'cu-5', 'sql.internal/app?driver=ODBC')}")\n` },
      { file: 'app/legacy.py', text: `DB = "${'mysql://root:' + 'Autumn' + '#2019@mysql.internal/shop'}"\n` },
    ],
    good: [
      { file: '.env.example', text: 'DATABASE_URL=postgres://app:${DB_PASSWORD}@localhost:5432/app\n' },
      { file: 'docker-compose.yml', text: 'DATABASE_URL: postgres://postgres:postgres@db:5432/app\n' },
      { file: 'app/settings.py', text: 'DATABASE_URL = f"postgresql://{user}:{password}@{host}/{name}"\n' },
      { file: 'docs/db.md', text: 'Use `postgresql://user:password@host/db` or `redis://:<password>@host:6379`.\n' },
      { file: 'app/db.py', text: 'URL = "mysql://app:%s@db/app" % pw\n' },
    ],
  },
};
