import { defineScoredRule } from '../rule.js';
import { check } from '../checks/model.js';

export const dependenciesDeclared = defineScoredRule({
  id: 'health.dependencies.declared',
  severity: 'medium',
  failedCheck: 'dependencies.declared',
  summary: 'Third-party imports but no dependency manifest',
  score: ({ projectDependencies, declarations, graph }, rule) =>
    check(
      'dependencies.declared',
      'dependencies',
      projectDependencies.length ? 10 : 0,
      [{ message: projectDependencies.length ? `${declarations.length} declared dependencies` : `${graph.thirdParty.size} third-party packages imported, none declared in a manifest` }],
      rule.docs.fix,
      { skip: !projectDependencies.length && graph.thirdParty.size === 0 },
    ),
  docs: {
    what: 'Fails when the code imports third-party packages and no manifest declares any dependency.',
    why: 'Nobody can reproduce the environment the code needs.',
    fix: 'Declare dependencies in pyproject.toml or requirements.txt, with a lock file.',
  },
});
