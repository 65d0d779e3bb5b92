import { defineScoredRule } from '../rule.js';
import { check } from '../checks/model.js';
import { pinnedBySibling } from '../checks/pinned.js';
import { isApplication } from '../context.js';

export const dependenciesPinned = defineScoredRule({
  id: 'health.dependencies.pinned',
  severity: 'low',
  failedCheck: 'dependencies.pinned',
  summary: 'Dependencies are not pinned or locked',
  score: ({ projectDependencies: deps, tree }, rule) => {
    // A hand-edited requirements input beside the file that pins all its names is resolved, not loose.
    const bySibling = pinnedBySibling(deps);
    const locked = deps.filter((d) => d.version !== null || bySibling.has(d));
    const unlocked = deps.filter((d) => d.version === null && !bySibling.has(d));
    return check(
      'dependencies.pinned',
      'dependencies',
      deps.length ? (10 * locked.length) / deps.length : 0,
      unlocked.length ? unlocked.slice(0, 20).map((d) => ({ path: d.path, line: d.line, message: `${d.name} ${d.specifier || '(any version)'} is ${d.kind}` })) : [{ message: `${locked.length} dependencies pinned or locked` }],
      rule.docs.fix,
      // A library declares ranges on purpose (its users resolve them); pinning is for what is deployed.
      { skip: deps.length === 0 || !isApplication(tree) },
    );
  },
  docs: {
    what: 'Fails when fewer than half of the declared dependencies have an exact or locked version. A requirements file whose loose names a sibling requirements file all pins (`base_requirements.txt` beside `requirements.txt`, pip-compile `.in` beside `.txt`) is that file\'s input: its ranges count as locked.',
    why: 'Unpinned installs change under you: builds are not reproducible and a bad release ships silently.',
    fix: 'Lock dependencies (uv.lock, poetry.lock, pip-compile) or pin them with ==.',
  },
});
