import { isDecoyToken } from '../decoys.js';
import { fake, ALNUM, DIGITS, UPPER } from '../fake.js';
import type { PatternRule } from '../rule.js';

const bot = (seed: string) => 'xox' + 'b-' + fake(DIGITS, 12, seed) + '-' + fake(DIGITS, 13, seed + 'a') + '-' + fake(ALNUM, 24, seed + 'b');
const user = (seed: string) => 'xox' + 'p-' + fake(DIGITS, 12, seed) + '-' + fake(DIGITS, 12, seed + 'a') + '-' + fake(DIGITS, 13, seed + 'c') + '-' + fake('abcdef0123456789', 32, seed + 'b');
const hook = (seed: string) =>
  'https://hooks.' + 'slack.com/services/T' + fake(UPPER + DIGITS, 10, seed) + '/B' + fake(UPPER + DIGITS, 10, seed + 'a') + '/' + fake(ALNUM, 24, seed + 'b');

export const slackToken: PatternRule = {
  kind: 'pattern',
  id: 'secret.slack-token',
  severity: 'high',
  label: 'Slack token',
  summary: 'Slack bot, user, app or configuration token committed to the repository',
  docs: {
    what: 'Finds Slack tokens by their prefixes: xoxb- (bot), xoxp- (user), xoxa-/xoxr- (app/refresh), xoxs-, xoxe- and xapp- (app-level).',
    why: 'A bot or user token reads and posts in every channel it can see: message history, files, member lists.',
    example: 'SLACK_BOT_TOKEN = "xoxb-<digits>-<digits>-<24 characters>"',
    fix: 'Revoke the token in the Slack app settings (OAuth & Permissions → revoke / reinstall), then read a new one from the environment.',
    references: ['https://api.slack.com/authentication/token-types'],
  },
  keywords: ['xox', 'xapp-'],
  trigger: '-(?<=xox[abposre](?:\\.[a-z0-9]{1,10})?-|xapp-)',
  anchors: ['xox', 'xap'],
  pattern: /(?<![A-Za-z0-9_-])(?<s>xox[abposre](?:\.[a-z0-9]+)?-[0-9]{6,15}-[0-9A-Za-z-]{8,250}|xapp-\d-[A-Z0-9]{8,20}-\d{6,20}-[a-z0-9]{32,80})(?![A-Za-z0-9_-])/g,
  validate: (v) => !isDecoyToken(v.slice(5)),
  examples: {
    bad: [
      { file: 'app/notify.py', text: `from slack_sdk import WebClient\nclient = WebClient(token="${bot('sl-1')}")\n`, line: 2 },
      { file: '.env', text: `SLACK_USER_TOKEN=${user('sl-2')}\n` },
      { file: 'app/socket.py', text: `APP = "${'xapp' + '-1-A' + fake(UPPER + DIGITS, 10, 'sl-3') + '-' + fake(DIGITS, 13, 'sl-4') + '-' + fake('abcdef0123456789', 64, 'sl-5')}"\n` },
    ],
    good: [
      { file: 'docs/slack.md', text: 'SLACK_BOT_TOKEN=xoxb-your-bot-token\n' },
      { file: 'app/notify.py', text: 'assert token.startswith("xoxb-")\n' },
      { file: 'app/n.py', text: 'SLACK = "xoxb-000000000000-0000000000000-xxxxxxxxxxxxxxxxxxxxxxxx"\n' },
    ],
  },
};

export const slackWebhook: PatternRule = {
  kind: 'pattern',
  id: 'secret.slack-webhook',
  severity: 'medium',
  label: 'Slack incoming webhook URL',
  summary: 'Slack incoming webhook URL committed to the repository',
  docs: {
    what: 'Finds Slack incoming-webhook and workflow URLs (https://hooks.slack.com/services/T…/B…/…).',
    why: 'Anyone with the URL can post into the channel as your app: convincing phishing from a trusted source. It cannot read messages, hence medium.',
    example: 'SLACK_WEBHOOK = "https://hooks.slack.com/services/T<id>/B<id>/<24 characters>"',
    fix: 'Remove the webhook in the Slack app settings (Incoming Webhooks) and create a new one read from the environment.',
    references: ['https://api.slack.com/messaging/webhooks'],
  },
  keywords: ['hooks.slack.com'],
  trigger: 'k\\.com/(?<=hooks\\.slack\\.com/)',
  anchors: ['k\\.c'],
  pattern: /hooks\.slack\.com\/(?<s>(?:services|workflows|triggers)\/[A-Za-z0-9_/+-]{20,300})/g,
  // Slack's own docs use T00000000/B00000000/XXXXXXXX…
  validate: (v) => !/XXXXXXXX|T0{8}|B0{8}/.test(v) && !isDecoyToken(v.replace(/^\w+\//, '')),
  examples: {
    bad: [
      { file: 'app/alerts.py', text: `WEBHOOK = "${hook('sw-1')}"\n` },
      { file: 'config.yaml', text: `alerts:\n  slack: ${hook('sw-2')}\n`, line: 2 },
    ],
    good: [
      { file: 'docs/alerts.md', text: 'Use https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX\n' },
      { file: 'app/alerts.py', text: 'WEBHOOK = os.environ["SLACK_WEBHOOK_URL"]  # https://hooks.slack.com/services/...\n' },
    ],
  },
};
