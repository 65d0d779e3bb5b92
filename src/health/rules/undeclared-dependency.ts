import { defineHealthRule } from '../rule.js';
import { distributionsFor } from '../../facts/import-names.js';

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
  check: (ctx) =>
    ctx.declared.undeclared.map((u) => {
      const first = u.uses.find((x) => ctx.needsDeclaring(x.path)) ?? u.uses[0]!;
      // Installed only because a declared package needs it (a lock's transitive entry): it works today and
      // breaks when that package drops it — worth declaring, less urgent than a package nothing installs.
      const transitive = ctx.dependencies.find((d) => distributionsFor(u.name).includes(d.name));
      return {
        path: first.path,
        line: first.line,
        message: transitive ? `${u.name} is imported but installed only as a transitive dependency (${transitive.path})` : `${u.name} is imported but no declared dependency provides it`,
        detail: u.name,
        extra: {
          evidence: u.uses.slice(0, 10).map((x) => `${x.path}:${x.line}`).join(', '),
          data: { import: u.name, uses: u.uses },
          // An import only tests, docs or examples make is reported for the record.
          ...(!u.uses.some((x) => ctx.needsDeclaring(x.path)) ? { severity: 'info' as const } : transitive ? { severity: 'low' as const } : {}),
        },
      };
    }),
  examples: {
    bad: [{ 'app/service.py': 'import requests\n', 'requirements.txt': 'flask==3.0.0\n' }],
    good: [{ 'app/service.py': 'import yaml\n', 'requirements.txt': 'PyYAML==6.0.1\n' }],
  },
});
