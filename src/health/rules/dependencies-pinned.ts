import { defineHealthRule } from '../rule.js';

export const dependenciesPinned = defineHealthRule({
  id: 'health.dependencies.pinned',
  severity: 'low',
  failedCheck: 'dependencies.pinned',
  summary: 'Dependencies are not pinned or locked',
  docs: {
    what: 'Fails when fewer than half of the declared dependencies have an exact or locked version. A requirements file whose loose names a sibling requirements file all pins (`base_requirements.txt` beside `requirements.txt`, pip-compile `.in` beside `.txt`) is that file\'s input: its ranges count as locked.',
    why: 'Unpinned installs change under you: builds are not reproducible and a bad release ships silently.',
    fix: 'Lock dependencies (uv.lock, poetry.lock, pip-compile) or pin them with ==.',
  },
});
