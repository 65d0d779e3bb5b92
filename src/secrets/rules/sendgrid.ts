import { isDecoyToken } from '../decoys.js';
import { fake, URLSAFE } from '../fake.js';
import type { PatternRule } from '../rule.js';

const key = (seed: string) => 'SG' + '.' + fake(URLSAFE, 22, seed) + '.' + fake(URLSAFE, 43, seed + 'b');

export const sendgridKey: PatternRule = {
  kind: 'pattern',
  id: 'secret.sendgrid-api-key',
  severity: 'high',
  label: 'SendGrid API key',
  summary: 'SendGrid API key committed to the repository',
  docs: {
    what: 'Finds SendGrid API keys: SG. followed by a 22-character id and a 43-character secret.',
    why: 'The key sends mail as your verified domains (phishing that passes SPF and DKIM) and can read contact lists.',
    example: 'SENDGRID_API_KEY = "SG.<22 characters>.<43 characters>"',
    fix: 'Delete the key in SendGrid (Settings → API Keys), create a new restricted one and read it from the environment.',
    references: ['https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys'],
  },
  keywords: ['sg.'],
  trigger: 'SG\\.',
  anchors: ['SG\\.'],
  pattern: /(?<![A-Za-z0-9_])(?<s>SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/g,
  validate: (v) => !isDecoyToken(v.slice(3)),
  examples: {
    bad: [
      { file: 'app/mail.py', text: `sg = SendGridAPIClient("${key('sg-1')}")\n` },
      { file: 'docker-compose.yml', text: `services:\n  web:\n    environment:\n      - SENDGRID_API_KEY=${key('sg-2')}\n`, line: 4 },
    ],
    good: [
      { file: 'docs/mail.md', text: 'SENDGRID_API_KEY=SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n' },
      { file: 'app/mail.py', text: 'sg = SendGridAPIClient(os.environ.get("SENDGRID_API_KEY"))\n' },
    ],
  },
};
