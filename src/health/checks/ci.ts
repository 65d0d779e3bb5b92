import type { ScanError } from '../../core/errors.js';
import type { CiMetrics, Evidence } from '../types.js';
import { check, type CheckResult } from './model.js';
import type { TreeIndex } from '../../facts/tree-index.js';
import { ciFacts } from '../../facts/ci.js';
import { ciFormatCheck } from '../rules/ci-format-check.js';
import { ciInstalls } from '../rules/ci-installs.js';
import { ciLints } from '../rules/ci-lints.js';
import { ciPresent } from '../rules/ci-present.js';
import { ciPythonMatrix } from '../rules/ci-python-matrix.js';
import { ciRunsTests } from '../rules/ci-runs-tests.js';
import { ciSecurityScan } from '../rules/ci-security-scan.js';
import { ciTypeCheck } from '../rules/ci-type-check.js';

const KINDS: Record<'installs' | 'tests' | 'lints' | 'formatCheck' | 'typeCheck' | 'securityScan', RegExp> = {
  installs: /\b(pip3?|uv pip|python -m pip) install\b|\b(poetry|pipenv|pdm|hatch|conda|mamba) install\b|\buv sync\b|setup-python|\bpip-sync\b|install-poetry|\bpip install\b/,
  tests: /\bpytest\b|\bpy\.test\b|-m unittest\b|manage\.py test\b|\bcoverage run\b|\bnosetests\b|\bward\b|\bhatch (run )?test\b/,
  lints: /\bruff( check)?\b(?! format)|\bflake8\b|\bpylint\b|\bprospector\b|\bpyflakes\b|\bpre-commit hook [\w-]*\b(ruff|flake8|pylint)\b/,
  formatCheck: /\bblack\b[^\n]*--(check|diff)|\bruff format\b[^\n]*--(check|diff)|\bisort\b[^\n]*--(check|check-only|diff)|\byapf\b[^\n]*--diff|\bpre-commit hook [\w-]*\b(black|ruff-format|isort|yapf)\b/,
  typeCheck: /\bmypy\b|\bpyright\b|\bpytype\b|\bpyre\b|\bpre-commit hook [\w-]*\b(mypy|pyright)\b/,
  securityScan: /\bbandit\b|\bpip-audit\b|\bsafety\b|\bsemgrep\b|codeql-action|\btrivy\b|\bsnyk\b|\bgitleaks\b|\bdetect-secrets\b|\bosv-scanner\b|\bpyvet\b|\bgrype\b|\bzizmor\b/,
};

/** What CI runs, sorted into the kinds of step a reviewer looks for. */
export function ciMetrics(tree: TreeIndex, errors: ScanError[]): { metrics: CiMetrics; evidence: Record<string, Evidence[]>; texts: { path: string; text: string }[]; tools: string[] } {
  const ci = ciFacts(tree, errors);
  const evidence: Record<string, Evidence[]> = {};
  const flags: Record<string, boolean> = {};
  for (const [kind, re] of Object.entries(KINDS)) {
    const hits = ci.commands.filter((c) => re.test(c.text));
    flags[kind] = hits.length > 0;
    evidence[kind] = hits.slice(0, 5).map((c) => ({ path: c.path, line: c.line, message: c.text.split('\n')[0]!.slice(0, 160) }));
  }
  const metrics: CiMetrics = {
    systems: ci.systems,
    installs: flags.installs!,
    lints: flags.lints!,
    formatCheck: flags.formatCheck!,
    typeCheck: flags.typeCheck!,
    tests: flags.tests!,
    securityScan: flags.securityScan!,
    pythonVersions: [...ci.versions].sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1])),
    unpinnedActions: ci.unpinned,
    automation: ci.tools,
    makeTargets: ci.makeTargets,
  };
  return { metrics, evidence, texts: ci.texts, tools: ci.tools };
}

export function ciChecks(ci: ReturnType<typeof ciMetrics>): CheckResult[] {
  const m = ci.metrics;
  const none = m.systems.length === 0;
  const out: CheckResult[] = [
    check(
      'ci.present',
      'ci',
      none ? 0 : 10,
      [{ message: none ? `no CI configuration found${ci.tools.length ? ` (local automation only: ${ci.tools.join(', ')})` : ''}` : `CI: ${m.systems.join(', ')}` }],
      ciPresent.docs.fix,
    ),
  ];
  // Without any CI, ci.present's finding explains every CI step's lost points.
  const step = (id: string, flag: boolean, kind: string, what: string, fix: string) =>
    out.push(check(id, 'ci', flag ? 10 : 0, flag ? ci.evidence[kind]! : [{ message: none ? 'no CI configuration' : `no CI step ${what}` }], fix, { coveredByFindings: none }));
  step('ci.installs', m.installs, 'installs', 'installs the project', ciInstalls.docs.fix);
  step('ci.runs-tests', m.tests, 'tests', 'runs the tests (pytest, unittest, tox, nox…)', ciRunsTests.docs.fix);
  step('ci.lints', m.lints, 'lints', 'runs a linter (ruff, flake8, pylint)', ciLints.docs.fix);
  step('ci.format-check', m.formatCheck, 'formatCheck', 'checks formatting (black --check, ruff format --check, isort --check)', ciFormatCheck.docs.fix);
  step('ci.type-check', m.typeCheck, 'typeCheck', 'type-checks (mypy, pyright)', ciTypeCheck.docs.fix);
  step('ci.security-scan', m.securityScan, 'securityScan', 'scans for vulnerabilities (pip-audit, bandit, CodeQL, zizmor, pyvet…)', ciSecurityScan.docs.fix);
  out.push(
    check(
      'ci.python-matrix',
      'ci',
      m.pythonVersions.length > 1 ? 10 : m.pythonVersions.length === 1 ? 5 : 0,
      [{ message: m.pythonVersions.length ? `Python versions tested: ${m.pythonVersions.join(', ')}` : 'no Python version matrix found' }],
      ciPythonMatrix.docs.fix,
      { skip: none },
    ),
  );
  out.push(
    check(
      'ci.actions-pinned',
      'ci',
      m.unpinnedActions.length === 0 ? 10 : Math.max(0, 10 - 2 * m.unpinnedActions.length),
      m.unpinnedActions.length
        ? m.unpinnedActions.map((u) => ({ path: u.path, line: u.line, message: `uses: ${u.uses} is not pinned to a commit SHA` }))
        : [{ message: 'every third-party action is pinned to a commit SHA' }],
      'Pin third-party actions to a full 40-character commit SHA (keep the tag in a comment); tags can be moved by whoever controls the action.',
      { skip: !m.systems.includes('github-actions'), coveredByFindings: true },
    ),
  );
  return out;
}
