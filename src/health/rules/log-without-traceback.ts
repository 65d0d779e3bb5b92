import { defineHealthRule, smellHits, py } from '../rule.js';

export const logWithoutTraceback = defineHealthRule({
  id: 'health.log-without-traceback',
  severity: 'low',
  scoredBy: 'quality',
  summary: 'An `except` block logs an error without its traceback',
  docs: {
    what: 'Flags `logger.error(...)`/`logger.critical(...)` inside an `except` block that does not re-raise, without `exc_info=`.',
    why: 'The message says something failed but not where or why: the traceback that would answer it is thrown away.',
    example: 'except OSError:\n    log.error("sync failed")',
    fix: 'Use `logger.exception("…")` (which adds the traceback), or pass `exc_info=True`.',
  },
  codes: ['TRY400'],
  check: smellHits,
  examples: {
    bad: [py('import logging\nlog = logging.getLogger(__name__)\ndef sync():\n    try:\n        run()\n    except OSError:\n        log.error("sync failed")\n')],
    good: [py('import logging\nlog = logging.getLogger(__name__)\ndef sync():\n    try:\n        run()\n    except OSError:\n        log.exception("sync failed")\n'), py('import logging\nlog = logging.getLogger(__name__)\ndef sync():\n    try:\n        run()\n    except OSError:\n        log.error("sync failed")\n        raise\n')],
  },
});
