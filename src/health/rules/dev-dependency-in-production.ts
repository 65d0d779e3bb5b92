import { defineHealthRule } from '../rule.js';

export const devDependencyInProduction = defineHealthRule({
  id: 'health.dev-dependency-in-production',
  severity: 'medium',
  summary: 'Production code imports a package declared only for development or tests',
  docs: {
    what: 'Reports distributions declared only in dev/test/extra groups that non-test, non-script code imports.',
    why: 'Production installs skip dev groups: the import fails in deployment though every test passes.',
    example: 'app/service.py: import factory  # factory-boy only in [dependency-groups].dev',
    fix: 'Move the package to the main dependencies, or keep its use in tests/tooling.',
  },
  check: (ctx) =>
    ctx.declared.devInProduction.map((d) => ({
      path: d.uses[0]!.path,
      line: d.uses[0]!.line,
      message: `${d.name} is declared only in group "${d.group}" but production code imports it`,
      detail: d.name,
      extra: { evidence: d.uses.slice(0, 10).map((x) => `${x.path}:${x.line}`).join(', ') },
    })),
});
