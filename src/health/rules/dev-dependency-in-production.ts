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
});
