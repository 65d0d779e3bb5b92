import { defineHealthRule } from '../rule.js';

export const undeclaredDependency = defineHealthRule({
  id: 'health.undeclared-dependency',
  severity: 'medium',
  summary: 'A third-party package is imported but not declared as a dependency',
  docs: {
    what: 'Reports top-level import names that are neither standard library, project modules, nor provided by a declared distribution.',
    why: 'The code works only where the package happens to be installed; a clean install fails at import time.',
    example: 'import requests  # requests is in no manifest',
    fix: 'Declare the distribution in requirements.txt or pyproject.toml (mind import vs distribution names: yaml → PyYAML).',
  },
  examples: {
    bad: [{ 'app/service.py': 'import requests\n', 'requirements.txt': 'flask==3.0.0\n' }],
    good: [{ 'app/service.py': 'import yaml\n', 'requirements.txt': 'PyYAML==6.0.1\n' }],
  },
});
