import { defineHealthRule, smellHits } from '../rule.js';

export const allowedHostsWildcard = defineHealthRule({
  id: 'health.allowed-hosts-wildcard',
  severity: 'medium',
  scoredBy: 'security',
  summary: 'Django `ALLOWED_HOSTS = [\'*\']` in production settings',
  docs: {
    what: 'Flags `ALLOWED_HOSTS` containing `\'*\'` at module level of a settings module that is not a development one (settings/dev.py, local_settings.py…).',
    why: 'Any Host header is accepted: cache poisoning and password-reset links pointing at an attacker\'s host become possible.',
    example: 'ALLOWED_HOSTS = [\'*\']',
    fix: 'List the real host names, read from the environment: `ALLOWED_HOSTS = os.environ["ALLOWED_HOSTS"].split(",")`.',
  },
  codes: ['S104'],
  check: smellHits,
  examples: {
    bad: [{ 'app/settings.py': 'ALLOWED_HOSTS = [\'*\']\n' }],
    good: [{ 'app/settings.py': 'import os\nALLOWED_HOSTS = os.environ["ALLOWED_HOSTS"].split(",")\n' }, { 'app/settings/dev.py': 'ALLOWED_HOSTS = [\'*\']\n' }],
  },
});
