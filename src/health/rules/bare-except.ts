import { defineHealthRule, smellHits, py } from '../rule.js';

export const bareExcept = defineHealthRule({
  id: 'health.bare-except',
  severity: 'low',
  scoredBy: 'error-handling',
  historyInMigrations: true,
  summary: 'A bare `except:` catches everything, including KeyboardInterrupt and SystemExit',
  docs: {
    what: 'Flags `except:` clauses without an exception type.',
    why: 'A bare except also swallows Ctrl-C, SystemExit and programming errors, hiding the failures a maintainer needs to see.',
    example: 'try:\n    run()\nexcept:\n    pass',
    fix: 'Catch the exceptions you expect (`except ValueError:`), or `except Exception:` and log it.',
  },
  codes: ['E722', 'B001', 'W0702'],
  check: smellHits,
  examples: {
    bad: [py('try:\n    run()\nexcept:\n    retry()\n')],
    good: [py('try:\n    run()\nexcept ValueError:\n    retry()\n')],
  },
});
