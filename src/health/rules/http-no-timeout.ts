import { defineHealthRule, smellHits, py } from '../rule.js';

export const httpNoTimeout = defineHealthRule({
  id: 'health.http-no-timeout',
  severity: 'medium',
  scoredBy: 'quality',
  summary: 'An HTTP request without a timeout can hang forever',
  docs: {
    what: 'Flags `requests.get/post/put/patch/delete/head/options/request` without `timeout=`, and httpx calls with `timeout=None` (httpx has a default of 5 s).',
    why: 'requests waits forever by default: one stalled server ties up a worker thread until the process is restarted.',
    example: 'requests.get(url)',
    fix: 'Always pass a timeout: `requests.get(url, timeout=10)` (or `(connect, read)` seconds).',
  },
  codes: ['S113', 'B113'],
  check: smellHits,
  examples: {
    bad: [py('import requests\ndef fetch(url):\n    return requests.get(url)\n'), py('import httpx\ndef fetch(url):\n    return httpx.get(url, timeout=None)\n')],
    good: [py('import requests\ndef fetch(url):\n    return requests.get(url, timeout=10)\n'), py('import httpx\ndef fetch(url):\n    return httpx.get(url)\n')],
  },
});
