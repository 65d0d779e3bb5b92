import { defineHealthRule, smellHits, py } from '../rule.js';

export const logWithoutTraceback = defineHealthRule({
  id: 'health.log-without-traceback',
  severity: 'low',
  scoredBy: 'quality',
  historyInMigrations: true,
  summary: 'An `except` block logs an error without its traceback',
  docs: {
    what: 'Flags `logger.error(...)`/`logger.critical(...)` without `exc_info=` inside an `except` block that catches everything (bare, `Exception`, `BaseException`) and does not re-raise. A specific exception (`except User.DoesNotExist: log.error("no such user")`) is not reported: its type already says what happened; nor is a handler that keeps the traceback another way (`traceback.format_exc()` into a job log).',
    why: 'The message says something failed but not where or why: the traceback that would answer it is thrown away.',
    example: 'except Exception as e:\n    log.error("sync failed: %s", e)',
    fix: 'Use `logger.exception("…")` (which adds the traceback), or pass `exc_info=True`.',
  },
  codes: ['TRY400'],
  check: smellHits,
  examples: {
    bad: [
      py('import logging\nlog = logging.getLogger(__name__)\ndef sync():\n    try:\n        run()\n    except Exception as e:\n        log.error("sync failed: %s", e)\n'),
      py('import logging\nlog = logging.getLogger(__name__)\ndef sync():\n    try:\n        run()\n    except:\n        log.error("sync failed")\n'),
    ],
    good: [
      py('import logging\nlog = logging.getLogger(__name__)\ndef sync():\n    try:\n        run()\n    except OSError:\n        log.exception("sync failed")\n'),
      py('import logging\nlog = logging.getLogger(__name__)\ndef check(rule):\n    try:\n        return rule.eval()\n    except InvalidCondition as e:\n        log.error("evaluation failed: %s", e)\n'),
      py('import logging\nlog = logging.getLogger(__name__)\ndef sync():\n    try:\n        run()\n    except OSError:\n        log.error("sync failed")\n        raise\n'),
      py('import logging, traceback\nlog = logging.getLogger(__name__)\ndef sync(job):\n    try:\n        run()\n    except Exception as e:\n        job.record(traceback.format_exc())\n        log.error(e)\n'),
    ],
  },
});
