import { defineHealthRule } from '../rule.js';

export const dependenciesDeclared = defineHealthRule({
  id: 'health.dependencies.declared',
  severity: 'medium',
  failedCheck: 'dependencies.declared',
  summary: 'Third-party imports but no dependency manifest',
  docs: {
    what: 'Fails when the code imports third-party packages and no manifest declares any dependency.',
    why: 'Nobody can reproduce the environment the code needs.',
    fix: 'Declare dependencies in pyproject.toml or requirements.txt, with a lock file.',
  },
});
