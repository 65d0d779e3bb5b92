import type { PythonFileFacts } from '../../python/analyze.js';
import { isScriptLike, isTestPath } from '../../python/facts.js';
import { functionCount } from '../../python/functions.js';
import type { TestMetrics, Evidence } from '../types.js';
import { check, type CheckResult } from './model.js';
import { lineOf, type TreeIndex } from '../../facts/tree-index.js';
import { parseIni, pyproject, toolTable } from '../../facts/config.js';
import type { ImportGraph } from '../../facts/imports.js';
import { testsCoverage } from '../rules/tests-coverage.js';
import { testsLayers } from '../rules/tests-layers.js';
import { testsPresent } from '../rules/tests-present.js';
import { testsRatio } from '../rules/tests-ratio.js';
import { testsUntestedModules } from '../rules/tests-untested-modules.js';

const LAYER_PATTERNS: [string, RegExp][] = [
  ['integration', /(^|[/_.-])(integration|integ|it)([/_.-]|$)/i],
  ['e2e', /(^|[/_.-])(e2e|end[_-]?to[_-]?end|functional|acceptance|system|smoke)([/_.-]|$)/i],
  ['unit', /(^|[/_.-])unit([/_.-]|$)/i],
];

/** Modules the framework loads by convention (Django's apps, admin, urls; WSGI/ASGI entry points): tests reach them through the test client, not an import. */
const FRAMEWORK_LOADED = /(^|\/)(apps|admin|urls|wsgi|asgi)\.py$/;

/** Coverage configuration and its fail-under threshold, from every place it is usually set. */
export function coverageConfig(tree: TreeIndex, ciTexts: { path: string; text: string }[]): TestMetrics['coverage'] & { line?: number } {
  const pp = pyproject(tree.ws);
  const cov = toolTable(pp, 'coverage') as Record<string, unknown> | undefined;
  if (cov) {
    const fu = (cov.report as Record<string, unknown> | undefined)?.fail_under;
    const text = tree.text('pyproject.toml') ?? '';
    if (typeof fu === 'number') return { configured: true, threshold: fu, source: 'pyproject.toml', line: lineOf(text, /^\s*fail_under\s*=/m) };
  }
  // [coverage:run] or [coverage:report] in setup.cfg / tox.ini configures coverage even without a threshold.
  let iniSection: { source: string; line: number | undefined } | null = null;
  for (const [file, sectionName] of [['.coveragerc', 'report'], ['setup.cfg', 'coverage:report'], ['tox.ini', 'coverage:report']] as const) {
    const path = tree.find(file);
    const text = tree.text(path);
    if (!path || !text) continue;
    const ini = parseIni(text);
    const fu = ini.get(sectionName)?.get('fail_under');
    if (fu && !Number.isNaN(Number(fu.value))) return { configured: true, threshold: Number(fu.value), source: file, line: fu.line };
    const section = file === '.coveragerc' ? undefined : ['coverage:run', 'coverage:report', 'coverage:paths'].find((n) => ini.has(n));
    if (section && !iniSection) iniSection = { source: path, line: lineOf(text, new RegExp(`^[ \\t]*\\[${section}\\]`, 'm')) };
  }
  // --cov-fail-under in pytest options, CI, tox, Makefile…
  const candidates = [
    ...['pyproject.toml', 'setup.cfg', 'tox.ini', 'pytest.ini', 'Makefile', 'noxfile.py'].map((p) => ({ path: tree.find(p), text: '' })),
  ]
    .filter((c): c is { path: string; text: string } => c.path !== null)
    .map((c) => ({ path: c.path, text: tree.text(c.path) ?? '' }));
  for (const c of [...candidates, ...ciTexts]) {
    const m = /--cov-fail-under[= ](\d+(?:\.\d+)?)|coverage report[^\n]*--fail-under[= ](\d+(?:\.\d+)?)/.exec(c.text);
    if (m) return { configured: true, threshold: Number(m[1] ?? m[2]), source: c.path, line: lineOf(c.text, /--cov-fail-under|--fail-under/) };
  }
  const rc = tree.find('.coveragerc');
  if (rc || cov) return { configured: true, threshold: null, source: rc ?? 'pyproject.toml' };
  if (iniSection) return { configured: true, threshold: null, ...iniSection };
  for (const c of [...candidates, ...ciTexts]) {
    if (/--cov\b|coverage run/.test(c.text)) return { configured: true, threshold: null, source: c.path, line: lineOf(c.text, /--cov\b|coverage run/) };
  }
  return { configured: false, threshold: null, source: null };
}

/**
 * `isProduction` names the modules a test should import: a tool's dot-folder (`.semgrep/` samples),
 * docs, examples and scripts are not the library under test.
 */
export function testMetrics(
  files: PythonFileFacts[],
  graph: ImportGraph,
  tree: TreeIndex,
  ciTexts: { path: string; text: string }[],
  isProduction: (path: string) => boolean = () => true,
): TestMetrics & { coverageLine?: number } {
  const tests = files.filter((f) => isTestPath(f.path));
  const code = files.filter((f) => !isTestPath(f.path));
  const framework = new Set<string>();
  const pp = pyproject(tree.ws);
  const pytestConfigured =
    toolTable(pp, 'pytest') !== undefined ||
    tree.find('pytest.ini', 'conftest.py') !== null ||
    tree.match(/(^|\/)conftest\.py$/).length > 0 ||
    /\[(tool:)?pytest\]/.test(tree.text(tree.find('setup.cfg')) ?? '') ||
    /\[pytest\]/.test(tree.text(tree.find('tox.ini')) ?? '');
  for (const t of tests) {
    const tops = new Set((t.health.imports ?? []).map((i) => i.name.split('.')[0]));
    if (tops.has('pytest')) framework.add('pytest');
    if (tops.has('unittest')) framework.add('unittest');
  }
  if (pytestConfigured && tests.length) framework.add('pytest');
  // Plain test functions with bare asserts are pytest's style.
  if (!framework.size && tests.some((t) => t.health.testFunctions > 0)) framework.add('pytest');
  const layers = new Set<string>();
  for (const t of tests) {
    let placed = false;
    for (const [layer, re] of LAYER_PATTERNS) {
      if (re.test(t.path)) {
        layers.add(layer);
        placed = true;
      }
    }
    for (const m of t.health.markers ?? []) {
      if (/^(integration|integ)$/.test(m)) layers.add('integration');
      if (/^(e2e|end_to_end|functional|acceptance|system)$/.test(m)) layers.add('e2e');
    }
    if (!placed && t.health.testFunctions > 0) layers.add('unit');
  }
  const testSloc = tests.reduce((s, f) => s + f.health.sloc, 0);
  const codeSloc = code.reduce((s, f) => s + f.health.sloc, 0);
  // Modules of the library (not tests, scripts, packaging or empty __init__) that no test file imports.
  const testModules = new Set(tests.map((t) => t.module));
  const untested = code
    .filter((f) => isProduction(f.path) && !isScriptLike(f.path) && !FRAMEWORK_LOADED.test(f.path) && functionCount(f.health.functions) > 0 && !/(^|\/)migrations\//.test(f.path))
    .filter((f) => ![...(graph.importedBy.get(f.module) ?? [])].some((m) => testModules.has(m)))
    .map((f) => f.module)
    .sort();
  const coverage = coverageConfig(tree, ciTexts);
  return {
    framework: [...framework].sort(),
    testFiles: tests.length,
    testFunctions: tests.reduce((s, f) => s + f.health.testFunctions, 0),
    ratio: codeSloc ? Math.round((testSloc / codeSloc) * 100) / 100 : 0,
    layers: ['unit', 'integration', 'e2e'].filter((l) => layers.has(l)),
    coverage: { configured: coverage.configured, threshold: coverage.threshold, source: coverage.source },
    untestedModules: tests.length ? untested : [],
    coverageLine: coverage.line,
  };
}

export function testChecks(m: TestMetrics & { coverageLine?: number }, codeModules: number): CheckResult[] {
  const out: CheckResult[] = [];
  // Without a single test, ratio, layers, coverage and untested modules only restate tests.present:
  // they score 0, and that one finding explains them.
  const none = m.testFunctions === 0 ? { coveredByFindings: true } : {};
  out.push(
    check(
      'tests.present',
      'tests',
      m.testFunctions > 0 ? 10 : 0,
      [{ message: m.testFunctions > 0 ? `${m.testFunctions} test functions in ${m.testFiles} files (${m.framework.join(', ') || 'framework not identified'})` : 'no test functions found (test_*.py, *_test.py, tests/)' }],
      testsPresent.docs.fix,
    ),
  );
  const ratioScore = Math.min(10, (m.ratio / 0.5) * 10);
  out.push(
    check(
      'tests.ratio',
      'tests',
      ratioScore,
      [{ message: `test-to-code ratio ${m.ratio} (test SLOC / code SLOC); 0.5 or more scores 10` }],
      testsRatio.docs.fix,
      { skip: m.testFunctions === 0 && codeModules === 0, ...none },
    ),
  );
  const layerScore = m.layers.length >= 2 ? 10 : m.layers.length === 1 ? 5 : 0;
  out.push(
    check(
      'tests.layers',
      'tests',
      layerScore,
      [{ message: m.layers.length ? `layers present: ${m.layers.join(', ')}` : 'no test layers identified' }],
      testsLayers.docs.fix,
      none,
    ),
  );
  const c = m.coverage;
  const covScore = !c.configured ? 0 : c.threshold === null ? 5 : c.threshold >= 80 ? 10 : c.threshold >= 50 ? 7 : 5;
  const ev: Evidence = c.configured
    ? { path: c.source ?? undefined, line: m.coverageLine, message: c.threshold === null ? 'coverage configured without a fail-under threshold' : `coverage fail-under ${c.threshold}%` }
    : { message: 'no coverage configuration (.coveragerc, [tool.coverage], --cov-fail-under)' };
  out.push(check('tests.coverage', 'tests', covScore, [ev], testsCoverage.docs.fix, none));
  const untestedScore = codeModules ? 10 * (1 - m.untestedModules.length / codeModules) : 10;
  out.push(
    check(
      'tests.untested-modules',
      'tests',
      m.testFunctions === 0 ? 0 : untestedScore,
      m.testFunctions === 0 ? [{ message: `no test functions: none of ${codeModules} modules is tested` }] : m.untestedModules.slice(0, 50).map((mod) => ({ message: `${mod}: no test imports it` })),
      testsUntestedModules.docs.fix,
      { skip: codeModules === 0, ...none },
    ),
  );
  return out;
}
