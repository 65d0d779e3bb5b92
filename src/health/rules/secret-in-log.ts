import { defineHealthRule, smellHits, py } from '../rule.js';

export const secretInLog = defineHealthRule({
  id: 'health.secret-in-log',
  severity: 'medium',
  scoredBy: 'security',
  summary: 'A secret or personal data is passed to a log call',
  docs: {
    what: 'Flags log calls (`logger.info/debug/warning/error/exception/critical`, `logging.*`) whose arguments read a variable or attribute named like a password, token, API key, secret, card number or SSN.',
    why: 'Logs are copied to files, aggregators and support tickets, kept for months and read by many: a secret in them is leaked.',
    example: 'log.info("login %s %s", user, password)',
    fix: 'Log an identifier or a masked form instead (`user.id`, `token[:4] + "…"`), never the value.',
  },
  codes: ['G004'],
  check: smellHits,
  examples: {
    bad: [py('import logging\nlog = logging.getLogger(__name__)\ndef login(user, password):\n    log.info("login %s %s", user, password)\n')],
    good: [py('import logging\nlog = logging.getLogger(__name__)\ndef login(user, password):\n    log.info("login %s (password reset requested)", user)\n'), py('import logging\nlog = logging.getLogger(__name__)\ndef login(user, token):\n    log.info("token length %d", len(token))\n')],
  },
});
