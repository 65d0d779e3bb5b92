import { defineHealthRule, smellHits, py } from '../rule.js';

export const printInLibrary = defineHealthRule({
  id: 'health.print-in-library',
  severity: 'info',
  scoredBy: 'quality',
  historyInMigrations: true,
  summary: '`print()` in library code instead of logging',
  docs: {
    what: 'Flags `print(...)` calls in modules that log elsewhere (they import logging, structlog or loguru) and are not tests, scripts, CLIs or `__main__` entry points.',
    why: 'The module already routes its output through logging; a print beside it cannot be filtered, levelled or routed and is lost in services or pollutes stdout protocols.',
    example: 'import logging\nlog = logging.getLogger(__name__)\ndef handle(order):\n    print("handling", order)',
    fix: 'Use the module\'s logger and log at the right level.',
  },
  codes: ['T201', 'T001'],
  check: smellHits,
  examples: {
    bad: [py('import logging\nlog = logging.getLogger(__name__)\ndef handle(order):\n    print("handling", order)\n')],
    good: [py('import logging\nlog = logging.getLogger(__name__)\ndef handle(order):\n    log.info("handling %s", order)\n'), { 'scripts/report.py': 'import logging\nprint("done")\n' }, py('def banner():\n    print("hello")\n')],
  },
});
