import { isDecoyToken } from '../decoys.js';
import { ci } from '../triggers.js';
import { fake, BASE64, URLSAFE, DIGITS, HEX } from '../fake.js';
import type { PatternRule } from '../rule.js';
import { pemBody } from './private-key.js';

const apiKey = (seed: string) => 'AI' + 'za' + fake(URLSAFE, 35, seed);

export const googleApiKey: PatternRule = {
  kind: 'pattern',
  id: 'secret.google-api-key',
  severity: 'high',
  label: 'Google API key',
  summary: 'Google (GCP / Firebase / Maps) API key committed to the repository',
  docs: {
    what: 'Finds Google API keys: AIza followed by 35 characters.',
    why: 'Unrestricted keys are billed to your project for Maps, Gemini, Translate and other APIs; some (Firebase) also open data access.',
    example: 'GOOGLE_API_KEY = "AIza<35 characters>"',
    fix: 'Delete or regenerate the key in Google Cloud console (APIs & Services → Credentials), restrict the new one by API and referrer, and read it from the environment.',
    references: ['https://cloud.google.com/docs/authentication/api-keys'],
  },
  keywords: ['aiza'],
  trigger: 'AIza',
  anchors: ['AIz'],
  pattern: /(?<![A-Za-z0-9_-])(?<s>AIza[0-9A-Za-z_-]{35})(?![A-Za-z0-9_-])/g,
  validate: (v) => !isDecoyToken(v.slice(4)),
  examples: {
    bad: [
      { file: 'app/maps.py', text: `gmaps = googlemaps.Client(key="${apiKey('gg-1')}")\n` },
      { file: 'static/map.min.js', text: `!function(){var k="${apiKey('gg-2')}";load(k)}();` },
    ],
    good: [
      { file: 'docs/maps.md', text: 'GOOGLE_API_KEY=AIzaXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\n' },
      { file: 'app/maps.py', text: 'gmaps = googlemaps.Client(key=os.environ["GOOGLE_API_KEY"])\n' },
    ],
  },
};

/** A service-account key file, as downloaded from the console (the PEM inside is one JSON string). */
export function serviceAccountJson(seed: string, opts: { type?: string; key?: string } = {}): string {
  const pem = opts.key ?? ['-----BEGIN ' + 'PRIVATE KEY-----', fake(BASE64, 64, seed), fake(BASE64, 64, seed + 'b'), fake(BASE64, 40, seed + 'c'), '-----END ' + 'PRIVATE KEY-----', ''].join('\\n');
  return [
    '{',
    `  "type": "${opts.type ?? 'service_account'}",`,
    '  "project_id": "acme-prod",',
    `  "private_key_id": "${fake(HEX, 40, seed + 'id')}",`,
    `  "private_key": "${pem}",`,
    '  "client_email": "deployer@acme-prod.iam.gserviceaccount.com",',
    `  "client_id": "${fake(DIGITS, 21, seed + 'cid')}",`,
    '  "token_uri": "https://oauth2.googleapis.com/token"',
    '}',
    '',
  ].join('\n');
}

// The whole fragment is searched once, not once per private_key match (a minified line may hold thousands).
let lastText = '';
let lastIsServiceAccount = false;
function isServiceAccountFile(text: string): boolean {
  if (text !== lastText) {
    lastText = text;
    lastIsServiceAccount = /"type"\s{0,20}:\s{0,20}"service_account"/.test(text);
  }
  return lastIsServiceAccount;
}

export const googleServiceAccount: PatternRule = {
  kind: 'pattern',
  id: 'secret.google-service-account',
  severity: 'critical',
  label: 'Google service-account private key',
  summary: 'Google Cloud service-account key file (JSON with a private key) committed to the repository',
  docs: {
    what: 'Finds the private_key of a JSON document whose "type" is "service_account": a downloaded GCP key file. Reported at the private_key line.',
    why: 'The key signs tokens as the service account, with every IAM role it holds: often editor or owner on the project.',
    example: '{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\n<base64>…"}',
    fix: 'Delete the key in IAM → Service accounts → Keys, then use workload identity / attached service accounts, or mount the key from a secret manager.',
    references: ['https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys'],
  },
  keywords: ['private_key'],
  trigger: '_key"(?<="private_key")',
  anchors: [ci('key')],
  pattern: /"private_key"\s{0,20}:\s{0,20}"(?<s>[^"]{1,20000})"/g,
  validate: (v, ctx) =>
    isServiceAccountFile(ctx.text) && pemBody(v.replace(/^-----BEGIN[A-Z ]{0,40}-----/, '')) !== null,
  examples: {
    bad: [{ file: 'deploy/gcp-key.json', text: serviceAccountJson('sa-1'), line: 5 }],
    good: [
      { file: 'deploy/template.json', text: serviceAccountJson('sa-2', { key: '' }) },
      { file: 'tests/fixtures/sa.json', text: serviceAccountJson('sa-3', { key: '-----BEGIN ' + 'PRIVATE KEY-----\\n...\\n-----END ' + 'PRIVATE KEY-----\\n' }) },
    ],
  },
};
