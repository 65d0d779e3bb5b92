import { defineHealthRule, py } from '../rule.js';

export const docsReadme = defineHealthRule({
  id: 'health.docs.readme',
  severity: 'medium',
  failedCheck: 'docs.readme',
  summary: 'README missing, or missing sections a newcomer needs',
  docs: {
    what: 'Fails without a README; scores its install, run, test and configuration sections.',
    why: 'The README is the handoff: without it every newcomer reverse-engineers the setup.',
    fix: 'Add README sections: Installation, Usage, Tests, Configuration.',
  },
  examples: {
    bad: [py('x = 1\n')],
    good: [{ 'app/service.py': 'x = 1\n', 'README.md': '# App\n## Installation\n## Usage\n## Running tests\n## Configuration\n' }],
  },
});
