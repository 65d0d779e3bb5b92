import { defineScoredRule, py } from '../rule.js';
import { check } from '../checks/model.js';
import { isApplication } from '../context.js';

const LOG_CONFIG_FILE = /(^|\/)(logging|log_config|log-config|logger)[^/]*\.(conf|ini|cfg|ya?ml|json|toml)$/i;

export const structureLoggingConfig = defineScoredRule({
  id: 'health.structure.logging-config',
  severity: 'low',
  failedCheck: 'structure.logging-config',
  summary: 'An application logs but never configures logging',
  // An application that logs should configure logging once; a library must not, so it is not asked to.
  score: ({ tree, shippedFiles: files }, rule) => {
    const logs = files.filter((f) => f.health.logs);
    const configured = files.find((f) => f.health.configuresLogging)?.path ?? tree.match(LOG_CONFIG_FILE)[0] ?? tree.paths.find((p) => /(^|\/)(Procfile|Dockerfile|[^/]*\.ya?ml|Makefile)$/.test(p) && /--log-config/.test(tree.text(p) ?? ''));
    return check(
      'structure.logging-config',
      'structure',
      configured ? 10 : 0,
      [configured ? { path: configured, message: 'logging configured' } : { path: logs[0]?.path, message: `${logs.length} modules log, but nothing configures logging (basicConfig, dictConfig, Django LOGGING, a logging config file)` }],
      rule.docs.fix,
      { skip: !isApplication(tree) || logs.length === 0 },
    );
  },
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
