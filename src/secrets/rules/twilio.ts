import { decoyReason, isDecoyToken } from '../decoys.js';
import { fake, HEX } from '../fake.js';
import { nameWords } from '../names.js';
import { CREDENTIAL_ANCHORS, CREDENTIAL_WORDS } from '../triggers.js';
import type { AssignmentRule, PatternRule } from '../rule.js';

export const twilioApiKey: PatternRule = {
  kind: 'pattern',
  id: 'secret.twilio-api-key',
  severity: 'high',
  label: 'Twilio API key SID',
  summary: 'Twilio API key (SK…) committed to the repository',
  docs: {
    what: 'Finds Twilio API key SIDs: SK followed by 32 hexadecimal characters.',
    why: 'With its secret, the API key sends SMS and places calls billed to your account, and reads message logs.',
    example: 'TWILIO_API_KEY = "SK<32 hex characters>"',
    fix: 'Delete the API key in the Twilio console, create a new one and read it (and its secret) from the environment.',
    references: ['https://www.twilio.com/docs/iam/api-keys'],
  },
  keywords: ['sk'],
  trigger: 'SK[0-9a-fA-F]{16}',
  anchors: ['SK[0-9a-fA-F]'],
  pattern: /(?<![A-Za-z0-9_])(?<s>SK[0-9a-fA-F]{32})(?![A-Za-z0-9_])/g,
  validate: (v) => !isDecoyToken(v.slice(2)),
  examples: {
    bad: [{ file: 'app/sms.py', text: `client = Client("${'SK' + fake(HEX, 32, 'tw-1')}", api_secret, account_sid)\n` }],
    good: [
      { file: 'app/sms.py', text: `ACCOUNT_SID = "${'AC' + fake(HEX, 32, 'tw-2')}"  # an account SID is an identifier\n` },
      { file: 'app/sms2.py', text: 'TWILIO_API_KEY = "SK00000000000000000000000000000000"\n' },
    ],
  },
};

export const twilioAuthToken: AssignmentRule = {
  kind: 'assignment',
  id: 'secret.twilio-auth-token',
  severity: 'high',
  label: 'Twilio auth token',
  summary: 'Twilio auth token committed to the repository',
  docs: {
    what: 'Finds a 32-hex-character value assigned to a Twilio auth token or API secret name (TWILIO_AUTH_TOKEN, twilio_api_secret…).',
    why: 'The auth token is the account master credential: with the account SID it does everything the console can.',
    example: 'TWILIO_AUTH_TOKEN = "<32 hex characters>"',
    fix: 'Rotate the auth token in the Twilio console (promote a secondary token), then read it from the environment.',
  },
  keywords: ['twilio'],
  trigger: CREDENTIAL_WORDS,
  anchors: CREDENTIAL_ANCHORS,
  accept: (a) => {
    const w = nameWords(a.name);
    return w.includes('twilio') && /token|secret/.test(w.join('_')) && /^[0-9a-f]{32}$/.test(a.value) && !isDecoyToken(a.value) && decoyReason(a.value, { weak: false }) === null;
  },
  examples: {
    bad: [{ file: '.env', text: `TWILIO_ACCOUNT_SID=${'AC' + fake(HEX, 32, 'tw-3')}\nTWILIO_AUTH_TOKEN=${fake(HEX, 32, 'tw-4')}\n`, line: 2 }],
    good: [
      { file: '.env.example', text: 'TWILIO_AUTH_TOKEN=your_auth_token\n' },
      { file: 'app/sms.py', text: 'TWILIO_AUTH_TOKEN = os.environ["TWILIO_AUTH_TOKEN"]\n' },
    ],
  },
};
