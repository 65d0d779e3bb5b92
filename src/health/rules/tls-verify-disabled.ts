import { defineHealthRule, smellHits, py } from '../rule.js';

export const tlsVerifyDisabled = defineHealthRule({
  id: 'health.tls-verify-disabled',
  severity: 'high',
  scoredBy: 'security',
  summary: 'TLS certificate verification disabled (`verify=False`)',
  docs: {
    what: 'Flags calls passing `verify=False`.',
    why: 'Without certificate checks anyone on the network path can read and alter the traffic.',
    example: 'requests.get(url, verify=False)',
    fix: 'Keep verification on; point `verify=` at the CA bundle of a private CA if needed.',
  },
  codes: ['S501', 'B501'],
  check: smellHits,
  examples: {
    bad: [py('import requests\ndef get(url):\n    return requests.get(url, verify=False)\n')],
    good: [py('import requests\ndef get(url):\n    return requests.get(url, verify="/etc/ssl/ca.pem")\n')],
  },
});
