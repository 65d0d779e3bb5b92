import { defineHealthRule, py } from '../rule.js';

export const structureLoggingConfig = defineHealthRule({
  id: 'health.structure.logging-config',
  severity: 'low',
  failedCheck: 'structure.logging-config',
  summary: 'An application logs but never configures logging',
  docs: {
    what: 'Fails for applications (a Django manage.py, wsgi/asgi module, Dockerfile or Procfile) whose code logs but where no logging configuration exists: no basicConfig/dictConfig/fileConfig, Django LOGGING, structlog.configure, loguru handler or logging config file. Libraries are exempt: they must not configure logging.',
    why: 'Unconfigured, Python prints only warnings and above, without timestamps or logger names: the info and error context an operator needs is lost.',
    fix: 'Configure logging once at start-up (logging.basicConfig or dictConfig; Django: the LOGGING setting) with a level and a format that has time and logger name.',
  },
  examples: {
    bad: [{ 'manage.py': 'import logging\nlog = logging.getLogger(__name__)\nlog.info("start")\n' }],
    good: [{ 'manage.py': 'import logging\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\nlog.info("start")\n' }, py('import logging\nlog = logging.getLogger(__name__)\n')],
  },
});
