import type { Workspace } from '../sources/workspace.js';
import type { ModuleIndex } from './resolve.js';
import { COMPOSE_FILE, composeServices } from './commands.js';
import type { Integration, Use } from './types.js';
import { own } from '../core/lookup.js';

/** Top-level (or dotted) import → what it talks to. The longest matching prefix wins. */
const SDKS: Record<string, [kind: string, name: string]> = {
  psycopg2: ['database', 'PostgreSQL'], psycopg: ['database', 'PostgreSQL'], asyncpg: ['database', 'PostgreSQL'],
  pymysql: ['database', 'MySQL'], MySQLdb: ['database', 'MySQL'], 'mysql.connector': ['database', 'MySQL'], aiomysql: ['database', 'MySQL'],
  sqlite3: ['database', 'SQLite'], aiosqlite: ['database', 'SQLite'], pymongo: ['database', 'MongoDB'], motor: ['database', 'MongoDB'],
  mongoengine: ['database', 'MongoDB'], cassandra: ['database', 'Cassandra'], neo4j: ['database', 'Neo4j'], cx_Oracle: ['database', 'Oracle'],
  oracledb: ['database', 'Oracle'], pyodbc: ['database', 'ODBC database'], influxdb_client: ['database', 'InfluxDB'], clickhouse_driver: ['database', 'ClickHouse'],
  redis: ['cache', 'Redis'], aioredis: ['cache', 'Redis'], pymemcache: ['cache', 'Memcached'], memcache: ['cache', 'Memcached'],
  pika: ['queue', 'RabbitMQ'], aio_pika: ['queue', 'RabbitMQ'], kafka: ['queue', 'Kafka'], confluent_kafka: ['queue', 'Kafka'], aiokafka: ['queue', 'Kafka'],
  nats: ['queue', 'NATS'], 'google.cloud.pubsub': ['queue', 'Google Pub/Sub'], 'google.cloud.pubsub_v1': ['queue', 'Google Pub/Sub'],
  elasticsearch: ['search', 'Elasticsearch'], opensearchpy: ['search', 'OpenSearch'], algoliasearch: ['search', 'Algolia'], meilisearch: ['search', 'Meilisearch'],
  boto3: ['cloud', 'AWS'], botocore: ['cloud', 'AWS'], aioboto3: ['cloud', 'AWS'], 'google.cloud': ['cloud', 'Google Cloud'], firebase_admin: ['cloud', 'Firebase'],
  azure: ['cloud', 'Azure'], stripe: ['api', 'Stripe'], braintree: ['api', 'Braintree'], paypalrestsdk: ['api', 'PayPal'], twilio: ['api', 'Twilio'],
  sendgrid: ['email', 'SendGrid'], mailchimp3: ['email', 'Mailchimp'], postmarker: ['email', 'Postmark'], smtplib: ['email', 'SMTP'],
  slack_sdk: ['api', 'Slack'], slack: ['api', 'Slack'], openai: ['api', 'OpenAI'], anthropic: ['api', 'Anthropic'], github: ['api', 'GitHub'],
  tweepy: ['api', 'Twitter/X'], googleapiclient: ['api', 'Google APIs'], gspread: ['api', 'Google Sheets'], dropbox: ['api', 'Dropbox'],
  hubspot: ['api', 'HubSpot'], shopify: ['api', 'Shopify'], auth0: ['api', 'Auth0'], sentry_sdk: ['monitoring', 'Sentry'], raven: ['monitoring', 'Sentry'],
  datadog: ['monitoring', 'Datadog'], ddtrace: ['monitoring', 'Datadog'], newrelic: ['monitoring', 'New Relic'], paramiko: ['other', 'SSH/SFTP'],
  pysftp: ['other', 'SSH/SFTP'], ldap3: ['other', 'LDAP'], ldap: ['other', 'LDAP'],
};

const SCHEMES: Record<string, [string, string]> = {
  postgres: ['database', 'PostgreSQL'], postgresql: ['database', 'PostgreSQL'], postgis: ['database', 'PostgreSQL'], mysql: ['database', 'MySQL'],
  mariadb: ['database', 'MySQL'], sqlite: ['database', 'SQLite'], oracle: ['database', 'Oracle'], mssql: ['database', 'SQL Server'],
  mongodb: ['database', 'MongoDB'], 'mongodb+srv': ['database', 'MongoDB'], redis: ['cache', 'Redis'], rediss: ['cache', 'Redis'],
  amqp: ['queue', 'RabbitMQ'], amqps: ['queue', 'RabbitMQ'], pyamqp: ['queue', 'RabbitMQ'], kafka: ['queue', 'Kafka'], sqs: ['queue', 'Amazon SQS'],
  memcached: ['cache', 'Memcached'], nats: ['queue', 'NATS'], smtp: ['email', 'SMTP'], smtps: ['email', 'SMTP'], ldap: ['other', 'LDAP'], ldaps: ['other', 'LDAP'],
};

const DJANGO_ENGINES: Record<string, string> = { postgresql: 'PostgreSQL', postgresql_psycopg2: 'PostgreSQL', postgis: 'PostgreSQL', mysql: 'MySQL', sqlite3: 'SQLite', oracle: 'Oracle', spatialite: 'SQLite' };

const IMAGES: [RegExp, string, string][] = [
  [/^(postgres|postgis\/postgis|bitnami\/postgresql)(:|$)/, 'database', 'PostgreSQL'], [/^(mysql|mariadb)(:|$)/, 'database', 'MySQL'],
  [/^mongo(:|$)/, 'database', 'MongoDB'], [/^(redis|bitnami\/redis|valkey\/valkey)(:|$)/, 'cache', 'Redis'], [/^memcached(:|$)/, 'cache', 'Memcached'],
  [/^(rabbitmq|bitnami\/rabbitmq)(:|$)/, 'queue', 'RabbitMQ'], [/(^|\/)(cp-)?kafka(:|$)/, 'queue', 'Kafka'],
  [/elasticsearch(:|$)/, 'search', 'Elasticsearch'], [/^localstack\/localstack/, 'cloud', 'AWS'], [/^minio\/minio/, 'cloud', 'S3-compatible storage'],
];

/** Hosts that are documentation, schemas, placeholders or local, never a service the code talks to. */
const NOT_SERVICES = /(^|\.)(localhost|example\.(com|org|net)|example|test|invalid|local|w3\.org|json-schema\.org|schema\.org|purl\.org|ogp\.me|xmlns\.com|python\.org|pypi\.org|github\.com|gitlab\.com|bitbucket\.org|stackoverflow\.com|wikipedia\.org|opensource\.org|apache\.org|gnu\.org|creativecommons\.org|readthedocs\.io|readthedocs\.org|djangoproject\.com|palletsprojects\.com|tiangolo\.com|mozilla\.org|semver\.org|ietf\.org|rfc-editor\.org|spdx\.org|shields\.io|fury\.io|sphinx-doc\.org)$|^(127\.|0\.0\.0\.0$|\[?::1\]?$|docs\.|schemas\.)/;

class Bag {
  private readonly map = new Map<string, { kind: string; name: string; details: Set<string>; uses: Use[] }>();
  add(kind: string, name: string, use: Use, detail?: string): void {
    const k = `${kind}\u0000${name}`;
    let e = this.map.get(k);
    if (!e) {
      e = { kind, name, details: new Set(), uses: [] };
      this.map.set(k, e);
    }
    if (detail) e.details.add(detail);
    if (!e.uses.some((u) => u.path === use.path && u.line === use.line)) e.uses.push(use);
  }
  list(): Integration[] {
    const order = ['database', 'cache', 'queue', 'search', 'cloud', 'api', 'email', 'monitoring', 'other', 'http'];
    return [...this.map.values()]
      .map((e) => {
        const uses = e.uses.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
        const i: Integration = { kind: e.kind, name: e.name, files: [...new Set(uses.map((u) => u.path))], uses };
        if (e.details.size) i.detail = [...e.details].sort().join('; ');
        return i;
      })
      .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}

function sdkOf(module: string): [string, string, string] | null {
  const parts = module.split('.');
  for (let i = parts.length; i > 0; i--) {
    const hit = own(SDKS, parts.slice(0, i).join('.'));
    if (hit) return [hit[0], hit[1], parts.slice(0, i + 1).join('.')];
  }
  return null;
}

/** Databases, caches, queues, cloud SDKs, third-party APIs and outbound hosts, each with the files that use it. */
export function integrationsOf(ws: Workspace, ix: ModuleIndex): Integration[] {
  const bag = new Bag();
  for (const m of ix.mods) {
    for (const i of m.facts.imports ?? []) {
      if (i.level) continue;
      const full = i.name && i.name !== '*' ? `${i.module}.${i.name}` : i.module;
      const hit = sdkOf(full);
      if (!hit) continue;
      const [kind, name, mod] = hit;
      // google.cloud.storage / azure.storage.blob: name the service
      const svc = name === 'Google Cloud' || name === 'Azure' ? mod.split('.').slice(name === 'Azure' ? 1 : 2).join('.') : '';
      bag.add(kind, name, { path: m.path, line: i.line }, svc || undefined);
    }
    for (const c of m.facts.cloud ?? []) bag.add('cloud', 'AWS', { path: m.path, line: c.line }, c.service);
    for (const u of m.facts.urls ?? []) {
      const scheme = u.scheme.split('+')[0]!;
      const s = own(SCHEMES, scheme);
      if (s) bag.add(s[0], s[1], { path: m.path, line: u.line }, u.url);
      // a host with {placeholders} or without a dot is a template or a local name, not a known service
      else if ((scheme === 'http' || scheme === 'https' || scheme === 'wss') && /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(u.host) && !NOT_SERVICES.test(u.host)) bag.add('http', u.host, { path: m.path, line: u.line });
    }
    for (const d of m.facts.databases ?? []) {
      const engine = d.engine?.split('.').pop() ?? '';
      const name = own(DJANGO_ENGINES, engine) ?? (d.engine ? d.engine : 'Database (engine set at run time)');
      const detail = [`DATABASES['${d.alias}']`, d.name ? `NAME=${d.name}` : '', d.host ? `HOST=${d.host}` : ''].filter(Boolean).join(' ');
      bag.add('database', name, { path: m.path, line: d.line }, detail);
    }
  }
  for (const f of ws.select((p, b) => COMPOSE_FILE.test(b) && p.split('/').length <= 2)) {
    for (const s of composeServices(ws, f.path, false)) {
      const hit = s.image ? IMAGES.find(([re]) => re.test(s.image!)) : undefined;
      if (hit) bag.add(hit[1], hit[2], { path: f.path, line: s.line }, `compose service ${s.name} (${s.image})`);
    }
  }
  return bag.list();
}
