import { defineHealthRule } from '../rule.js';

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
  examples: {
    bad: [{ 'app/__init__.py': '', 'app/a.py': 'from app import b\n', 'app/b.py': 'from app import a\n' }],
    good: [{ 'app/__init__.py': '', 'app/a.py': 'from app import b\n', 'app/b.py': 'import os\n' }],
  },
});
