import { defineHealthRule } from '../rule.js';

export const ciInstalls = defineHealthRule({
  id: 'health.ci.installs',
  severity: 'low',
  failedCheck: 'ci.installs',
  summary: 'CI never installs the project',
  docs: {
    what: 'Fails when no CI command installs dependencies (pip/poetry/uv/pdm/pipenv).',
    why: 'A CI that does not install cannot test what users get.',
    fix: 'Install the project and its locked dependencies in CI (pip install -r requirements.txt / poetry install / uv sync).',
  },
});
