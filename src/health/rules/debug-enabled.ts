import { defineHealthRule, smellHits, py } from '../rule.js';

export const debugEnabled = defineHealthRule({
  id: 'health.debug-enabled',
  severity: 'medium',
  scoredBy: 'security',
  summary: 'Debug mode enabled in settings or on a running app',
  docs: {
    what: 'Flags `DEBUG = True` at module level of a settings/config module, and `.run(debug=True)`.',
    why: 'Debug mode shows stack traces, settings and sometimes an interactive console to whoever triggers an error.',
    example: 'DEBUG = True',
    fix: 'Read it from the environment, off by default: `DEBUG = os.environ.get("DEBUG") == "1"`.',
  },
  codes: ['S201', 'B201'],
  check: smellHits,
  examples: {
    bad: [{ 'app/settings.py': 'DEBUG = True\n' }, py('from flask import Flask\napp = Flask(__name__)\napp.run(debug=True)\n')],
    good: [{ 'app/settings.py': 'import os\nDEBUG = os.environ.get("DEBUG") == "1"\n' }, py('DEBUG = True\n')],
  },
});
