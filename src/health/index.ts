import type { Finding } from '../core/finding.js';
import { fingerprint } from '../core/finding.js';
import type { Severity } from '../core/severity.js';
import type { Workspace } from '../sources/workspace.js';
import { isAside, type Dependency } from '../deps/types.js';
import type { PythonFileFacts } from '../python/analyze.js';
import { isScriptLike, isTestPath } from '../python/facts.js';
import type { Evidence, HealthCategory, HealthReport, ImportMetrics } from './types.js';
import { healthRule } from './rules.js';
import { check, TreeIndex, type CheckResult } from './checks/model.js';
import { buildImportGraph, cyclePath, declaredVsImported, importCycles } from './checks/imports.js';
import { envVarMetrics } from './checks/env.js';
import { testChecks, testMetrics } from './checks/tests.js';
import { ciChecks, ciMetrics } from './checks/ci.js';
import { dockerSmells, docsChecks, toolChecks } from './checks/hygiene.js';
import { gitHistory, historyChecks } from './checks/history.js';

export interface HealthOptions {
  dependencies: Dependency[];
  python: PythonFileFacts[];
  /** Clock for recency; defaults to now. */
  now?: Date;
  /** Blame budget (files, milliseconds) for the history review. */
  blame?: { maxFiles?: number; budgetMs?: number };
}

export interface HealthResult {
  health: HealthReport;
  findings: Finding[];
}

/** Default category weights of the overall score; `[tool.pyvet] weights` overrides them. */
export const DEFAULT_WEIGHTS: Record<HealthCategory, number> = { tests: 20, ci: 15, docs: 15, dependencies: 15, structure: 15, history: 10, security: 10 };

/** Complexity above which a function is reported (radon rank C starts at 11). */
export const COMPLEX_THRESHOLD = 10;

function complexitySeverity(cc: number): Severity {
  return cc > 30 ? 'high' : cc > 20 ? 'medium' : 'low';
}

const SECURITY_SMELLS = new Set(['health.eval-exec', 'health.shell-true', 'health.pickle-load', 'health.yaml-unsafe-load', 'health.tls-verify-disabled', 'health.debug-enabled']);
const ERROR_SMELLS = new Set(['health.bare-except', 'health.swallowed-exception']);

/** The health review: checks scored 0–10 with evidence, metrics, and findings for what failed. */
export async function reviewHealth(ws: Workspace, opts: HealthOptions): Promise<HealthResult> {
  const tree = new TreeIndex(ws);
  const files = opts.python;
  const findings: Finding[] = [];
  const checks: CheckResult[] = [];
  const now = opts.now ?? new Date();

  const finding = (rule: string, path: string, line: number, message: string, detail: string, extra: Partial<Finding> = {}): void => {
    const meta = healthRule(rule);
    findings.push({
      rule,
      severity: extra.severity ?? meta?.severity ?? 'low',
      path,
      line: Math.max(1, line),
      message,
      remediation: meta?.docs.fix ?? '',
      fingerprint: fingerprint(rule, path, detail),
      ...extra,
    });
  };

  // Functions and modules.
  const functions = files.flatMap((f) => f.health.functions.map((fn) => ({ path: f.path, name: fn.name, line: fn.line, endLine: fn.endLine, complexity: fn.complexity })));
  const modules = files.map((f) => ({ path: f.path, module: f.module, maintainability: f.health.maintainability === null ? 0 : Math.round(f.health.maintainability * 100) / 100, loc: f.health.loc }));
  const complex = functions.filter((f) => f.complexity > COMPLEX_THRESHOLD);
  for (const f of complex) {
    finding('health.complex-function', f.path, f.line, `${f.name} has cyclomatic complexity ${f.complexity} (threshold ${COMPLEX_THRESHOLD})`, f.name, {
      severity: complexitySeverity(f.complexity),
      endLine: f.endLine,
      evidence: `complexity ${f.complexity}, lines ${f.line}-${f.endLine}`,
      data: { complexity: f.complexity },
    });
  }
  const realFunctions = functions.filter((f) => !isTestPath(f.path));
  const complexShare = realFunctions.length ? complex.filter((f) => !isTestPath(f.path)).length / realFunctions.length : 0;
  checks.push(
    check(
      'structure.complexity',
      'structure',
      10 * (1 - Math.min(1, complexShare * 5)),
      complex.length
        ? [...complex].sort((a, b) => b.complexity - a.complexity).slice(0, 10).map((f) => ({ path: f.path, line: f.line, message: `${f.name}: complexity ${f.complexity}` }))
        : [{ message: `${functions.length} functions, none above complexity ${COMPLEX_THRESHOLD}` }],
      'Split the most complex functions; each point of complexity is a path to test.',
      { coveredByFindings: true, skip: functions.length === 0 },
    ),
  );
  const lowMi = files.filter((f) => f.health.maintainability !== null && f.health.maintainability <= 19 && f.health.sloc > 0);
  for (const f of lowMi.filter((x) => (x.health.maintainability ?? 100) <= 9)) {
    finding('health.low-maintainability', f.path, 1, `${f.module} has maintainability index ${f.health.maintainability!.toFixed(1)} (radon rank C)`, f.module, { evidence: `MI ${f.health.maintainability!.toFixed(2)}` });
  }
  checks.push(
    check(
      'structure.maintainability',
      'structure',
      files.length ? 10 * (1 - Math.min(1, (lowMi.length / files.length) * 3)) : 10,
      lowMi.length
        ? [...lowMi].sort((a, b) => a.health.maintainability! - b.health.maintainability!).slice(0, 10).map((f) => ({ path: f.path, message: `maintainability index ${f.health.maintainability!.toFixed(1)}` }))
        : [{ message: `${files.length} modules, all with maintainability index above 19 (radon rank A)` }],
      'Split and simplify the listed modules.',
      { skip: files.length === 0 },
    ),
  );

  // Imports: graph, cycles, declared vs imported.
  const graph = buildImportGraph(files);
  const cycles = importCycles(graph.edges);
  for (const comp of cycles) {
    const pathThrough = cyclePath(comp, graph.edges);
    const first = graph.modules.get(pathThrough[0]!) ?? comp[0]!;
    const line = graph.edges.get(pathThrough[0]!)?.get(pathThrough[1]!) ?? 1;
    finding('health.import-cycle', first, line, `import cycle between ${comp.length} modules: ${pathThrough.join(' → ')}`, comp.join(','), {
      evidence: pathThrough.map((m, i) => (i < pathThrough.length - 1 ? `${m} (${graph.modules.get(m)}:${graph.edges.get(m)?.get(pathThrough[i + 1]!) ?? '?'})` : m)).join(' → '),
      data: { modules: comp, path: pathThrough },
    });
  }
  checks.push(
    check(
      'structure.import-cycles',
      'structure',
      10 - 3 * cycles.length,
      cycles.length ? cycles.map((c) => ({ path: graph.modules.get(c[0]!), message: `cycle: ${cyclePath(c, graph.edges).join(' → ')}` })) : [{ message: `${graph.modules.size} modules, no import cycle` }],
      'Break each cycle: move shared code down a layer or invert the dependency.',
      { coveredByFindings: true, skip: files.length === 0 },
    ),
  );
  const dvi = declaredVsImported(graph, opts.dependencies);
  for (const u of dvi.undeclared) {
    const first = u.uses[0]!;
    finding('health.undeclared-dependency', first.path, first.line, `${u.name} is imported but no declared dependency provides it`, u.name, {
      evidence: u.uses.slice(0, 10).map((x) => `${x.path}:${x.line}`).join(', '),
      data: { import: u.name, uses: u.uses },
    });
  }
  for (const u of dvi.unused) {
    finding('health.unused-dependency', u.dep.path, u.dep.line, `${u.name} is declared (${u.dep.group}) but never imported`, u.name, { data: { distribution: u.name, group: u.dep.group } });
  }
  for (const d of dvi.devInProduction) {
    const first = d.uses[0]!;
    finding('health.dev-dependency-in-production', first.path, first.line, `${d.name} is declared only in group "${d.group}" but production code imports it`, d.name, {
      evidence: d.uses.slice(0, 10).map((x) => `${x.path}:${x.line}`).join(', '),
    });
  }
  const thirdPartyCount = graph.thirdParty.size;
  checks.push(
    check(
      'dependencies.declared',
      'dependencies',
      opts.dependencies.length ? 10 : 0,
      [{ message: opts.dependencies.length ? `${opts.dependencies.length} declared dependencies` : `${thirdPartyCount} third-party packages imported, none declared in a manifest` }],
      'Declare dependencies in pyproject.toml or requirements.txt, with a lock file.',
      { skip: !opts.dependencies.length && thirdPartyCount === 0 },
    ),
  );
  checks.push(
    check(
      'dependencies.undeclared',
      'dependencies',
      10 - 2 * dvi.undeclared.length,
      dvi.undeclared.length ? dvi.undeclared.map((u) => ({ path: u.uses[0]!.path, line: u.uses[0]!.line, message: `${u.name} imported but not declared` })) : [{ message: 'every third-party import is declared' }],
      'Declare each imported distribution.',
      { coveredByFindings: true, skip: thirdPartyCount === 0 },
    ),
  );
  checks.push(
    check(
      'dependencies.unused',
      'dependencies',
      10 - dvi.unused.length,
      dvi.unused.length ? dvi.unused.map((u) => ({ path: u.dep.path, line: u.dep.line, message: `${u.name} declared but never imported` })) : [{ message: 'every declared dependency is imported (or is a tool)' }],
      'Remove dependencies nothing imports.',
      { coveredByFindings: true, skip: opts.dependencies.length === 0 },
    ),
  );
  checks.push(
    check(
      'dependencies.dev-in-production',
      'dependencies',
      10 - 3 * dvi.devInProduction.length,
      dvi.devInProduction.length ? dvi.devInProduction.map((d) => ({ path: d.uses[0]!.path, line: d.uses[0]!.line, message: `${d.name} (${d.group}) imported by production code` })) : [{ message: 'production code imports no dev-only package' }],
      'Move the package to the main dependencies.',
      { coveredByFindings: true, skip: opts.dependencies.length === 0 },
    ),
  );
  // Fixtures', examples' and docs' manifests are not what the project installs: they never move the score.
  const vulnerable = opts.dependencies.filter((d) => d.vulns.length > 0 && !isAside(d.role));
  const severe = vulnerable.filter((d) => d.vulns.some((v) => v.severity === 'critical' || v.severity === 'high'));
  checks.push(
    check(
      'dependencies.vulnerable',
      'dependencies',
      10 - 3 * severe.length - (vulnerable.length - severe.length),
      vulnerable.length
        ? vulnerable.slice(0, 20).map((d) => ({ path: d.path, line: d.line, message: `${d.name} ${d.version ?? d.specifier}: ${d.vulns.map((v) => v.id).join(', ')}` }))
        : [{ message: `no known vulnerability in ${opts.dependencies.length} dependencies` }],
      'Upgrade to the fixed versions (see the deps.* findings).',
      { coveredByFindings: true, skip: opts.dependencies.length === 0 },
    ),
  );
  const locked = opts.dependencies.filter((d) => d.version !== null);
  const unlocked = opts.dependencies.filter((d) => d.version === null);
  checks.push(
    check(
      'dependencies.pinned',
      'dependencies',
      opts.dependencies.length ? (10 * locked.length) / opts.dependencies.length : 0,
      unlocked.length ? unlocked.slice(0, 20).map((d) => ({ path: d.path, line: d.line, message: `${d.name} ${d.specifier || '(any version)'} is ${d.kind}` })) : [{ message: `${locked.length} dependencies pinned or locked` }],
      'Lock dependencies (uv.lock, poetry.lock, pip-compile) or pin them with ==.',
      { skip: opts.dependencies.length === 0 },
    ),
  );

  // Environment variables.
  const envVars = envVarMetrics(files, tree);
  for (const v of envVars.filter((x) => !x.documented)) {
    const first = v.uses[0]!;
    finding('health.undocumented-env-var', first.path, first.line, `environment variable ${v.name} is read but not documented (${v.uses.length} place${v.uses.length > 1 ? 's' : ''})`, v.name, {
      evidence: v.uses.map((u) => `${u.path}:${u.line}`).join(', '),
      data: { name: v.name, uses: v.uses, default: v.default },
    });
  }
  const undocumented = envVars.filter((v) => !v.documented);
  checks.push(
    check(
      'docs.env-vars',
      'docs',
      envVars.length ? (10 * (envVars.length - undocumented.length)) / envVars.length : 10,
      undocumented.length
        ? undocumented.map((v) => ({ path: v.uses[0]!.path, line: v.uses[0]!.line, message: `${v.name} is not documented` }))
        : [{ message: `${envVars.length} environment variables, all documented` }],
      'Document every environment variable in .env.example or the README.',
      { coveredByFindings: true, skip: envVars.length === 0 },
    ),
  );

  // CI and automation.
  const ci = ciMetrics(tree, ws.errors);
  for (const u of ci.metrics.unpinnedActions) finding('health.unpinned-action', u.path, u.line, `uses: ${u.uses} is not pinned to a commit SHA`, u.uses, { evidence: `uses: ${u.uses}` });
  checks.push(...ciChecks(ci));

  // Tests.
  const tm = testMetrics(files, graph, tree, ci.texts);
  const codeModules = files.filter((f) => !isTestPath(f.path) && !isScriptLike(f.path) && f.health.functions.length > 0 && !/(^|\/)migrations\//.test(f.path)).length;
  checks.push(...testChecks(tm, codeModules));

  // Docs and tooling.
  checks.push(...docsChecks(tree));
  checks.push(...toolChecks(tree));

  // Code smells.
  const smellCounts = new Map<string, number>();
  for (const f of files) {
    for (const s of f.health.smells) {
      smellCounts.set(s.rule, (smellCounts.get(s.rule) ?? 0) + 1);
      const meta = healthRule(s.rule);
      finding(s.rule, f.path, s.line, `${meta?.summary ?? s.rule} (in ${s.scope})`, `${s.scope}\u0000${s.snippet}`, { column: s.column, evidence: s.snippet });
    }
  }
  const countOf = (set: Set<string>) => [...smellCounts].filter(([r]) => set.has(r)).reduce((n, [, c]) => n + c, 0);
  const smellEvidence = (set: Set<string>): Evidence[] =>
    files.flatMap((f) => f.health.smells.filter((s) => set.has(s.rule)).map((s) => ({ path: f.path, line: s.line, message: `${s.rule}: ${s.snippet}` }))).slice(0, 20);
  const dangerous = countOf(SECURITY_SMELLS);
  checks.push(
    check('security.dangerous-calls', 'security', 10 - 2 * dangerous, dangerous ? smellEvidence(SECURITY_SMELLS) : [{ message: 'no eval/exec, shell=True, pickle/yaml unsafe loads, verify=False or debug mode found' }], 'Fix each reported call (see the rule docs).', {
      coveredByFindings: true,
      skip: files.length === 0,
    }),
  );
  const errs = countOf(ERROR_SMELLS);
  checks.push(
    check('security.error-handling', 'security', 10 - errs, errs ? smellEvidence(ERROR_SMELLS) : [{ message: 'no bare or silently swallowed exception handlers' }], 'Catch specific exceptions and log what you cannot handle.', {
      coveredByFindings: true,
      skip: files.length === 0,
    }),
  );
  const quality = new Set(['health.print-in-library', 'health.mutable-default', 'health.assert-validation']);
  const q = countOf(quality);
  const libFiles = files.filter((f) => !isTestPath(f.path)).length;
  checks.push(
    check('structure.code-smells', 'structure', libFiles ? 10 * (1 - Math.min(1, q / (libFiles * 2))) : 10, q ? smellEvidence(quality) : [{ message: 'no print in library code, mutable defaults or assert-validation' }], 'Fix the reported smells (see the rule docs).', {
      coveredByFindings: true,
      skip: files.length === 0,
    }),
  );

  // Containers.
  const docker = dockerSmells(tree);
  for (const s of docker.smells) finding(s.rule, s.path, s.line, s.message, s.detail);
  checks.push(
    check(
      'security.containers',
      'security',
      10 - 3 * docker.smells.filter((s) => s.rule !== 'health.docker-unpinned-base').length - docker.smells.filter((s) => s.rule === 'health.docker-unpinned-base').length,
      docker.smells.length ? docker.smells.map((s) => ({ path: s.path, line: s.line, message: s.message })) : [{ message: `${docker.files.length} container files, no smell` }],
      'Pin base images, run as an unprivileged USER, pass secrets at run time.',
      { coveredByFindings: true, skip: docker.files.length === 0 },
    ),
  );

  // History.
  const ccByFile = new Map<string, number>();
  for (const f of files) ccByFile.set(f.path, f.health.functions.reduce((s, fn) => s + fn.complexity, 0));
  const hist = await gitHistory(ws, { pyFiles: files.map((f) => ({ path: f.path, complexity: ccByFile.get(f.path) ?? 0 })), maxBlameFiles: opts.blame?.maxFiles, blameBudgetMs: opts.blame?.budgetMs });
  if (hist) {
    for (const p of hist.metrics.knowledgeIslands) {
      const authors = hist.metrics.files.find((f) => f.path === p)?.authors ?? [];
      const total = authors.reduce((s, a) => s + a.lines, 0);
      const top = authors[0];
      finding('health.knowledge-island', p, 1, `${top?.name ?? 'one author'} wrote ${top && total ? Math.round((top.lines / total) * 100) : 100}% of the ${total} current lines`, p, {
        evidence: authors.map((a) => `${a.name}: ${a.lines}`).join(', '),
      });
    }
  }
  checks.push(...historyChecks(hist, now));

  // Check-level findings for failed checks not already explained by per-location findings.
  for (const c of checks) {
    if (c.status !== 'fail' || c.coveredByFindings) continue;
    const rule = `health.${c.id}`;
    const ev = c.evidence.find((e) => e.path) ?? c.evidence[0];
    finding(rule, ev?.path ?? '.', ev?.line ?? 1, `${healthRule(rule)?.summary ?? c.id}: ${c.evidence.map((e) => e.message).join('; ').slice(0, 300)}`, c.id, {
      remediation: c.remediation,
      data: { check: c.id, score: c.score },
    });
  }

  const { score, categories, weights } = scoreChecks(checks, ws.config.weights);
  const imports: ImportMetrics = {
    cycles,
    undeclared: dvi.undeclared.map((u) => u.name),
    unused: dvi.unused.map((u) => u.name),
    devOnlyInProduction: dvi.devInProduction.map((d) => d.name),
    edges: [...graph.edges].flatMap(([a, m]) => [...m.keys()].map((b) => [a, b] as [string, string])).sort((x, y) => (x[0] + '\0' + x[1] < y[0] + '\0' + y[1] ? -1 : 1)),
    modules: files.map((f) => ({ module: f.module, path: f.path, loc: f.health.loc })).sort((a, b) => (a.module < b.module ? -1 : a.module > b.module ? 1 : 0)),
  };
  const health: HealthReport = {
    score,
    categories,
    weights,
    checks: checks.map(({ coveredByFindings: _c, ...rest }) => rest),
    metrics: {
      functions,
      modules,
      imports,
      envVars,
      git: hist?.metrics ?? null,
      tests: { framework: tm.framework, testFiles: tm.testFiles, testFunctions: tm.testFunctions, ratio: tm.ratio, layers: tm.layers, coverage: tm.coverage, untestedModules: tm.untestedModules },
      ci: ci.metrics,
    },
  };
  return { health, findings };
}

/**
 * Category score = mean of its checks (0–10) × 10; overall = weighted mean of the categories that
 * have at least one applicable check (skipped checks and empty categories drop out; weights renormalize).
 */
export function scoreChecks(checks: CheckResult[], override: Record<string, number>): { score: number; categories: Record<string, number>; weights: Record<string, number> } {
  const weights: Record<string, number> = { ...DEFAULT_WEIGHTS, ...override };
  const byCat = new Map<string, number[]>();
  for (const c of checks) {
    if (c.status === 'skip') continue;
    const l = byCat.get(c.category) ?? [];
    l.push(c.score);
    byCat.set(c.category, l);
  }
  const categories: Record<string, number> = {};
  let total = 0;
  let wsum = 0;
  for (const [cat, scores] of [...byCat].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const s = (scores.reduce((a, b) => a + b, 0) / scores.length) * 10;
    categories[cat] = Math.round(s * 10) / 10;
    const w = weights[cat] ?? 0;
    total += s * w;
    wsum += w;
  }
  return { score: wsum ? Math.round(total / wsum) : 0, categories, weights };
}
