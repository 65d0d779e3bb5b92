import { defineHealthRule, smellHits, py } from '../rule.js';

export const swallowedException = defineHealthRule({
  id: 'health.swallowed-exception',
  severity: 'medium',
  scoredBy: 'error-handling',
  summary: '`except Exception: pass` silently discards every error',
  docs: {
    what: 'Flags handlers for Exception/BaseException whose body does nothing (`pass` or `...`).',
    why: 'Errors disappear without a trace; the system continues in an unknown state and nobody learns why.',
    example: 'try:\n    sync()\nexcept Exception:\n    pass',
    fix: 'Handle the specific error, or at least log it: `except Exception: log.exception("…")`.',
  },
  codes: ['S110', 'B110', 'BLE001', 'SIM105', 'W0703', 'W0718'],
  check: smellHits,
  examples: {
    bad: [py('try:\n    sync()\nexcept Exception:\n    pass\n')],
    good: [py('import logging\ntry:\n    sync()\nexcept Exception:\n    logging.exception("sync failed")\n')],
  },
});
