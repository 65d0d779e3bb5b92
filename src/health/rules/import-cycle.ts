import { defineHealthRule } from '../rule.js';
import { cyclePath } from '../../facts/imports.js';

export const importCycle = defineHealthRule({
  id: 'health.import-cycle',
  severity: 'medium',
  summary: 'Project modules import each other in a cycle',
  docs: {
    what: 'Reports each strongly connected component of the project import graph, with one concrete path as evidence.',
    why: 'Cycles make import order matter, break on refactors with ImportError/partially initialised modules, and prevent layering.',
    example: '# app/a.py: from app import b\n# app/b.py: from app import a',
    fix: 'Move the shared code into a lower module both can import, or invert the dependency (pass a callback, import inside the function).',
  },
  check: ({ cycles, eager, graph }) =>
    cycles.map((comp) => {
      const through = cyclePath(comp, eager);
      return {
        path: graph.modules.get(through[0]!) ?? comp[0]!,
        line: eager.get(through[0]!)?.get(through[1]!)?.line ?? 1,
        message: `import cycle between ${comp.length} modules: ${through.join(' → ')}`,
        detail: comp.join(','),
        extra: {
          evidence: through.map((m, i) => (i < through.length - 1 ? `${m} (${graph.modules.get(m)}:${eager.get(m)?.get(through[i + 1]!)?.line ?? '?'})` : m)).join(' → '),
          data: { modules: comp, path: through },
        },
      };
    }),
  examples: {
    bad: [{ 'app/__init__.py': '', 'app/a.py': 'from app import b\n', 'app/b.py': 'from app import a\n' }],
    good: [{ 'app/__init__.py': '', 'app/a.py': 'from app import b\n', 'app/b.py': 'import os\n' }],
  },
});
