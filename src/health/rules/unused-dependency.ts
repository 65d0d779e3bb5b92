import { defineHealthRule } from '../rule.js';

export const unusedDependency = defineHealthRule({
  id: 'health.unused-dependency',
  severity: 'low',
  summary: 'A declared dependency is never imported',
  docs: {
    what: 'Reports declared distributions (PEP 503 names) that no file imports; tools, plugins, servers and type stubs are exempt.',
    why: 'Unused dependencies widen the attack surface and slow installs, and mislead readers about what the code uses.',
    example: 'requirements.txt: flask==3.0.0  # no `import flask` anywhere',
    fix: 'Remove it, or note why it is needed if it is loaded indirectly (a plugin, a driver).',
  },
  check: (ctx) =>
    ctx.declared.unused.map((u) => ({ path: u.dep.path, line: u.dep.line, message: `${u.name} is declared (${u.dep.group}) but never imported nor named in settings`, detail: u.name, extra: { data: { distribution: u.name, group: u.dep.group } } })),
  examples: {
    bad: [{ 'app/service.py': 'import os\n', 'requirements.txt': 'flask==3.0.0\n' }],
    good: [{ 'app/service.py': 'import flask\n', 'requirements.txt': 'flask==3.0.0\n' }, { 'app/service.py': 'import os\n', 'requirements.txt': 'gunicorn==22.0.0\n' }],
  },
});
