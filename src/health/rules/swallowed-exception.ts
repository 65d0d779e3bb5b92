import { defineHealthRule, smellHits, py } from '../rule.js';

export const swallowedException = defineHealthRule({
  id: 'health.swallowed-exception',
  severity: 'medium',
  scoredBy: 'error-handling',
  historyInMigrations: true,
  summary: '`except Exception: pass` silently discards every error',
  docs: {
    what: 'Flags handlers for Exception/BaseException whose body does nothing (`pass` or `...`). A handler the code explains is a decision, not an accident, and is not reported: a comment in it saying why, or a `try … else: break`/`return` that takes the first candidate that works.',
    why: 'Errors disappear without a trace; the system continues in an unknown state and nobody learns why.',
    example: 'try:\n    sync()\nexcept Exception:\n    pass',
    fix: 'Handle the specific error, or at least log it: `except Exception: log.exception("…")`.',
  },
  codes: ['S110', 'B110', 'BLE001', 'SIM105', 'W0703', 'W0718'],
  check: smellHits,
  examples: {
    bad: [py('try:\n    sync()\nexcept Exception:\n    pass\n'), py('try:\n    sync()\nexcept Exception:  # noqa: E722\n    pass\n')],
    good: [
      py('import logging\ntry:\n    sync()\nexcept Exception:\n    logging.exception("sync failed")\n'),
      py('import json\ndef parse(value):\n    try:\n        value = json.loads(value)\n    except Exception:\n        # Keep the value as a string if it is not JSON.\n        pass\n    return value\n'),
      py('def first(repos, name):\n    for repo in repos:\n        try:\n            found = repo.find(name)\n        except Exception:\n            pass\n        else:\n            return found\n    return None\n'),
    ],
  },
});
