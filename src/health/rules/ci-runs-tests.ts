import { defineHealthRule } from '../rule.js';

export const ciRunsTests = defineHealthRule({
  id: 'health.ci.runs-tests',
  severity: 'high',
  failedCheck: 'ci.runs-tests',
  summary: 'CI does not run the tests',
  docs: {
    what: 'Fails when no CI command (directly or through tox, nox, make or pre-commit) runs pytest, unittest or an equivalent. A repository without any test is reported by health.tests.present alone.',
    why: 'A green CI that never tests gives false confidence.',
    fix: 'Run the test suite in CI, e.g. `python -m pytest`.',
  },
  examples: {
    bad: [{ 'app/service.py': 'x = 1\n', 'tests/test_service.py': 'def test_x():\n    assert True\n', '.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pip install -r requirements.txt\n' }],
    good: [{ 'app/service.py': 'x = 1\n', 'tests/test_service.py': 'def test_x():\n    assert True\n', Makefile: 'test:\n\tpython -m pytest -q\n', '.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n' }],
  },
});
