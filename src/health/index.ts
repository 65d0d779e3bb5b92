import type { Finding } from '../core/finding.js';
import { fingerprint } from '../core/finding.js';
import type { Severity } from '../core/severity.js';
import type { Workspace } from '../sources/workspace.js';
import { isAside, type Dependency } from '../deps/types.js';
import type { PythonFileFacts } from '../python/analyze.js';
import { isShipped } from '../core/role.js';
import { rolesOf } from '../facts/roles.js';
import { declarations } from '../facts/manifests.js';
import { pyprojects } from '../facts/config.js';
import type { Evidence, HealthCategory, HealthReport, ImportMetrics } from './types.js';
import { healthRule, isSuppressed } from './rules.js';
import { check, type CheckResult } from './checks/model.js';
import { TreeIndex } from '../facts/tree-index.js';
import { buildImportGraph, cyclePath, eagerEdges, importCycles } from '../facts/imports.js';
import { declaredVsImported } from './checks/declared.js';
import { distributionsFor } from '../facts/import-names.js';
import { envVarMetrics } from '../facts/env.js';
import { testChecks, testMetrics } from './checks/tests.js';
import { ciChecks, ciMetrics } from './checks/ci.js';
import { dockerSmells, docsChecks, toolChecks } from './checks/hygiene.js';
import { gitHistory, historyChecks } from './checks/history.js';

export interface HealthOptions {
  dependencies: Dependency[];
  python: PythonFileFacts[];
  /** Clock for recency; defaults to now. */
  now?: Date;
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

const SECURITY_SMELLS = new Set([
  'health.eval-exec', 'health.shell-true', 'health.pickle-load', 'health.yaml-unsafe-load', 'health.tls-verify-disabled', 'health.debug-enabled',
  'health.sql-injection', 'health.weak-password-hash', 'health.secret-in-log', 'health.allowed-hosts-wildcard',
]);
const ERROR_SMELLS = new Set(['health.bare-except', 'health.swallowed-exception']);
// `assert` is reported for the record only: in a library it is mostly an invariant or a type narrowing.
const QUALITY_SMELLS = new Set(['health.print-in-library', 'health.mutable-default', 'health.http-no-timeout', 'health.blocking-in-async', 'health.log-without-traceback']);

/** The health review: checks scored 0–10 with evidence, metrics, and findings for what failed. */
export async function reviewHealth(ws: Workspace, opts: HealthOptions): Promise<HealthResult> {
  const tree = new TreeIndex(ws);
  const files = opts.python;
  const findings: Finding[] = [];
  const checks: CheckResult[] = [];
  const now = opts.now ?? new Date();
  // What each file is decides what counts: test, fixture, example, docs and vendored code is reported
  // for the record (at `info`) and never moves a score; the tests checks judge the tests themselves.
  const roles = rolesOf(ws);
  const shipped = (p: string) => isShipped(roles.role(p));
  const noqa = new Map(files.filter((f) => f.health.noqa.length).map((f) => [f.path, f.health.noqa]));

  const finding = (rule: string, path: string, line: number, message: string, detail: string, extra: Partial<Finding> = {}): void => {
    const meta = healthRule(rule);
    if (isSuppressed(rule, noqa.get(path), line)) return;
    // A migration runs once and is never edited again: its complexity and size are history, not debt.
    const frozen = roles.role(path) === 'migration' && (rule === 'health.complex-function' || rule === 'health.low-maintainability');
    const capped = frozen || (!rule.startsWith('health.tests.') && path !== '.' && !shipped(path));
    findings.push({
      rule,
      severity: capped ? 'info' : (extra.severity ?? meta?.severity ?? 'low'),
      path,
      line: Math.max(1, line),
      message,
      remediation: meta?.docs.fix ?? '',
      fingerprint: fingerprint(rule, path, detail),
      ...extra,
      ...(capped ? { severity: 'info' as const } : {}),
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
  const realFunctions = functions.filter((f) => shipped(f.path) && roles.role(f.path) !== 'migration');
  const complexShare = realFunctions.length ? complex.filter((f) => shipped(f.path) && roles.role(f.path) !== 'migration').length / realFunctions.length : 0;
  checks.push(
    check(
      'structure.complexity',
      'structure',
      10 * (1 - Math.min(1, complexShare * 5)),
      complex.some((f) => shipped(f.path))
        ? [...complex].filter((f) => shipped(f.path)).sort((a, b) => b.complexity - a.complexity).slice(0, 10).map((f) => ({ path: f.path, line: f.line, message: `${f.name}: complexity ${f.complexity}` }))
        : [{ message: `${functions.length} functions, none above complexity ${COMPLEX_THRESHOLD}` }],
      'Split the most complex functions; each point of complexity is a path to test.',
      { coveredByFindings: true, skip: functions.length === 0 },
    ),
  );
  const shippedFiles = files.filter((f) => shipped(f.path));
  const lowMi = shippedFiles.filter((f) => f.health.maintainability !== null && f.health.maintainability <= 19 && f.health.sloc > 0);
  for (const f of lowMi.filter((x) => (x.health.maintainability ?? 100) <= 9)) {
    finding('health.low-maintainability', f.path, 1, `${f.module} has maintainability index ${f.health.maintainability!.toFixed(1)} (radon rank C)`, f.module, { evidence: `MI ${f.health.maintainability!.toFixed(2)}` });
  }
  checks.push(
    check(
      'structure.maintainability',
      'structure',
      shippedFiles.length ? 10 * (1 - Math.min(1, (lowMi.length / shippedFiles.length) * 3)) : 10,
      lowMi.length
        ? [...lowMi].sort((a, b) => a.health.maintainability! - b.health.maintainability!).slice(0, 10).map((f) => ({ path: f.path, message: `maintainability index ${f.health.maintainability!.toFixed(1)}` }))
        : [{ message: `${shippedFiles.length} modules, all with maintainability index above 19 (radon rank A)` }],
      'Split and simplify the listed modules.',
      { skip: shippedFiles.length === 0 },
    ),
  );

  // Imports: graph, cycles, declared vs imported.
  const graph = buildImportGraph(files);
  // Only imports that run at import time make a cycle; TYPE_CHECKING and function-local imports are how one is broken.
  const eager = eagerEdges(graph.edges);
  const cycles = importCycles(eager);
  for (const comp of cycles) {
    const pathThrough = cyclePath(comp, eager);
    const first = graph.modules.get(pathThrough[0]!) ?? comp[0]!;
    const line = eager.get(pathThrough[0]!)?.get(pathThrough[1]!)?.line ?? 1;
    finding('health.import-cycle', first, line, `import cycle between ${comp.length} modules: ${pathThrough.join(' → ')}`, comp.join(','), {
      evidence: pathThrough.map((m, i) => (i < pathThrough.length - 1 ? `${m} (${graph.modules.get(m)}:${eager.get(m)?.get(pathThrough[i + 1]!)?.line ?? '?'})` : m)).join(' → '),
      data: { modules: comp, path: pathThrough },
    });
  }
  // A cycle among tests or fixtures is reported for the record; only cycles through shipped modules score.
  const shippedCycles = cycles.filter((c) => c.some((m) => shipped(graph.modules.get(m) ?? '')));
  checks.push(
    check(
      'structure.import-cycles',
      'structure',
      10 - 3 * shippedCycles.length,
      shippedCycles.length ? shippedCycles.map((c) => ({ path: graph.modules.get(c[0]!), message: `cycle: ${cyclePath(c, eager).join(' → ')}` })) : [{ message: `${graph.modules.size} modules, no import cycle` }],
      'Break each cycle: move shared code down a layer or invert the dependency.',
      { coveredByFindings: true, skip: files.length === 0 },
    ),
  );
  const decls = declarations(ws);
  const loadedByName = new Set(shippedFiles.flatMap((f) => f.health.stringRefs));
  for (const { doc } of pyprojects(ws)) for (const t of entryPointModules(doc)) loadedByName.add(t);
  const dvi = declaredVsImported(graph, decls, { isProduction: (p) => roles.role(p) === 'production', loadedByName });
  // An import only tests, docs or examples make is reported for the record; only shipped code's imports score.
  // setup.py and noxfile.py import what [build-system] or the tool installs for them: not runtime dependencies.
  const needsDeclaring = (p: string) => shipped(p) && roles.role(p) !== 'build' && roles.role(p) !== 'ci';
  const undeclaredShipped = dvi.undeclared.filter((u) => u.uses.some((x) => needsDeclaring(x.path)));
  for (const u of dvi.undeclared) {
    const first = u.uses.find((x) => needsDeclaring(x.path)) ?? u.uses[0]!;
    // Installed only because a declared package needs it (a lock's transitive entry): it works today and
    // breaks when that package drops it — worth declaring, less urgent than a package nothing installs.
    const transitive = opts.dependencies.find((d) => distributionsFor(u.name).includes(d.name));
    finding(
      'health.undeclared-dependency',
      first.path,
      first.line,
      transitive ? `${u.name} is imported but installed only as a transitive dependency (${transitive.path})` : `${u.name} is imported but no declared dependency provides it`,
      u.name,
      {
        evidence: u.uses.slice(0, 10).map((x) => `${x.path}:${x.line}`).join(', '),
        data: { import: u.name, uses: u.uses },
        ...(!u.uses.some((x) => needsDeclaring(x.path)) ? { severity: 'info' as const } : transitive ? { severity: 'low' as const } : {}),
      },
    );
  }
  for (const u of dvi.unused) {
    finding('health.unused-dependency', u.dep.path, u.dep.line, `${u.name} is declared (${u.dep.group}) but never imported nor named in settings`, u.name, { data: { distribution: u.name, group: u.dep.group } });
  }
  for (const d of dvi.devInProduction) {
    const first = d.uses[0]!;
    finding('health.dev-dependency-in-production', first.path, first.line, `${d.name} is declared only in group "${d.group}" but production code imports it`, d.name, {
      evidence: d.uses.slice(0, 10).map((x) => `${x.path}:${x.line}`).join(', '),
    });
  }
  const thirdPartyCount = graph.thirdParty.size;
  // Manifests and locks of fixtures, examples and docs describe other projects.
  const projectDeps = opts.dependencies.filter((d) => shipped(d.path));
  checks.push(
    check(
      'dependencies.declared',
      'dependencies',
      projectDeps.length ? 10 : 0,
      [{ message: projectDeps.length ? `${decls.length} declared dependencies` : `${thirdPartyCount} third-party packages imported, none declared in a manifest` }],
      'Declare dependencies in pyproject.toml or requirements.txt, with a lock file.',
      { skip: !projectDeps.length && thirdPartyCount === 0 },
    ),
  );
  checks.push(
    check(
      'dependencies.undeclared',
      'dependencies',
      10 - 2 * undeclaredShipped.filter((u) => !opts.dependencies.some((d) => distributionsFor(u.name).includes(d.name))).length - 0.5 * undeclaredShipped.filter((u) => opts.dependencies.some((d) => distributionsFor(u.name).includes(d.name))).length,
      undeclaredShipped.length ? undeclaredShipped.map((u) => ({ path: u.uses[0]!.path, line: u.uses[0]!.line, message: `${u.name} imported but not declared` })) : [{ message: 'every third-party import is declared' }],
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
      { coveredByFindings: true, skip: decls.length === 0 },
    ),
  );
  checks.push(
    check(
      'dependencies.dev-in-production',
      'dependencies',
      10 - 3 * dvi.devInProduction.length,
      dvi.devInProduction.length ? dvi.devInProduction.map((d) => ({ path: d.uses[0]!.path, line: d.uses[0]!.line, message: `${d.name} (${d.group}) imported by production code` })) : [{ message: 'production code imports no dev-only package' }],
      'Move the package to the main dependencies.',
      { coveredByFindings: true, skip: decls.length === 0 },
    ),
  );
  // Fixtures', examples' and docs' manifests are not what the project installs: they never move the score.
  const vulnerable = projectDeps.filter((d) => d.vulns.length > 0 && !isAside(d.role));
  const severe = vulnerable.filter((d) => d.vulns.some((v) => v.severity === 'critical' || v.severity === 'high'));
  checks.push(
    check(
      'dependencies.vulnerable',
      'dependencies',
      10 - 3 * severe.length - (vulnerable.length - severe.length),
      vulnerable.length
        ? vulnerable.slice(0, 20).map((d) => ({ path: d.path, line: d.line, message: `${d.name} ${d.version ?? d.specifier}: ${d.vulns.map((v) => v.id).join(', ')}` }))
        : [{ message: `no known vulnerability in ${projectDeps.length} dependencies` }],
      'Upgrade to the fixed versions (see the deps.* findings).',
      { coveredByFindings: true, skip: projectDeps.length === 0 },
    ),
  );
  const locked = projectDeps.filter((d) => d.version !== null);
  const unlocked = projectDeps.filter((d) => d.version === null);
  checks.push(
    check(
      'dependencies.pinned',
      'dependencies',
      projectDeps.length ? (10 * locked.length) / projectDeps.length : 0,
      unlocked.length ? unlocked.slice(0, 20).map((d) => ({ path: d.path, line: d.line, message: `${d.name} ${d.specifier || '(any version)'} is ${d.kind}` })) : [{ message: `${locked.length} dependencies pinned or locked` }],
      'Lock dependencies (uv.lock, poetry.lock, pip-compile) or pin them with ==.',
      // A library declares ranges on purpose (its users resolve them); pinning is for what is deployed.
      { skip: projectDeps.length === 0 || !isApplication(tree) },
    ),
  );

  // Environment variables.
  // What tests set up for themselves is not configuration a deployer needs to know.
  const envVars = envVarMetrics(shippedFiles, tree);
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
  const codeModules = files.filter((f) => roles.role(f.path) === 'production' && f.health.functions.length > 0).length;
  checks.push(...testChecks(tm, codeModules));

  // Docs and tooling.
  checks.push(...docsChecks(tree));
  checks.push(...toolChecks(tree));

  // Code smells.
  const smellCounts = new Map<string, number>();
  for (const f of files) {
    const counts = shipped(f.path);
    for (const s of f.health.smells) {
      if (counts && !isSuppressed(s.rule, f.health.noqa, s.line)) smellCounts.set(s.rule, (smellCounts.get(s.rule) ?? 0) + 1);
      const meta = healthRule(s.rule);
      finding(s.rule, f.path, s.line, `${meta?.summary ?? s.rule} (in ${s.scope})`, `${s.scope}\u0000${s.snippet}`, { column: s.column, evidence: s.snippet });
    }
  }
  const countOf = (set: Set<string>) => [...smellCounts].filter(([r]) => set.has(r)).reduce((n, [, c]) => n + c, 0);
  const smellEvidence = (set: Set<string>): Evidence[] =>
    shippedFiles.flatMap((f) => f.health.smells.filter((s) => set.has(s.rule) && !isSuppressed(s.rule, f.health.noqa, s.line)).map((s) => ({ path: f.path, line: s.line, message: `${s.rule}: ${s.snippet}` }))).slice(0, 20);
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
  const q = countOf(QUALITY_SMELLS);
  const libFiles = shippedFiles.length;
  checks.push(
    check('structure.code-smells', 'structure', libFiles ? 10 * (1 - Math.min(1, q / (libFiles * 2))) : 10, q ? smellEvidence(QUALITY_SMELLS) : [{ message: 'no print in library code, mutable defaults or assert-validation' }], 'Fix the reported smells (see the rule docs).', {
      coveredByFindings: true,
      skip: files.length === 0,
    }),
  );

  checks.push(loggingConfigCheck(tree, shippedFiles));

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
  const hist = await gitHistory(ws, { pyFiles: files.map((f) => ({ path: f.path, complexity: ccByFile.get(f.path) ?? 0 })) });
  if (hist) {
    for (const p of hist.metrics.knowledgeIslands.filter(shipped)) {
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

/** Top-level modules named by entry points and plugins (`"pkg.cli:main"`): loaded by name, never imported. */
function entryPointModules(doc: Record<string, unknown>): string[] {
  const out: string[] = [];
  const visit = (v: unknown) => {
    if (typeof v === 'string') {
      const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)(\.[A-Za-z0-9_.]+)?\s*:/.exec(v) ?? /^\s*([A-Za-z_][A-Za-z0-9_]*)\.[A-Za-z0-9_.]+\s*$/.exec(v);
      if (m) out.push(m[1]!);
    } else if (v && typeof v === 'object') for (const x of Object.values(v)) visit(x);
  };
  const project = doc.project as Record<string, unknown> | undefined;
  visit(project?.scripts);
  visit(project?.['gui-scripts']);
  visit(project?.['entry-points']);
  const poetry = (doc.tool as Record<string, unknown> | undefined)?.poetry as Record<string, unknown> | undefined;
  visit(poetry?.scripts);
  visit(poetry?.plugins);
  return out;
}

/** Files that make a repository an application (something deployed and run), not a library. */
const APP_MARKERS = /(^|\/)(manage\.py|wsgi\.py|asgi\.py|Procfile|Dockerfile|docker-compose\.ya?ml|compose\.ya?ml)$/;
const LOG_CONFIG_FILE = /(^|\/)(logging|log_config|log-config|logger)[^/]*\.(conf|ini|cfg|ya?ml|json|toml)$/i;

/** An application that logs should configure logging once; a library must not, so it is not asked to. */
function isApplication(tree: TreeIndex): boolean {
  return tree.paths.some((p) => APP_MARKERS.test(p) && p.split('/').length <= 3);
}

function loggingConfigCheck(tree: TreeIndex, files: PythonFileFacts[]): CheckResult {
  const app = isApplication(tree);
  const logs = files.filter((f) => f.health.logs);
  const configured = files.find((f) => f.health.configuresLogging)?.path ?? tree.match(LOG_CONFIG_FILE)[0] ?? tree.paths.find((p) => /(^|\/)(Procfile|Dockerfile|[^/]*\.ya?ml|Makefile)$/.test(p) && /--log-config/.test(tree.text(p) ?? ''));
  return check(
    'structure.logging-config',
    'structure',
    configured ? 10 : 0,
    [configured ? { path: configured, message: 'logging configured' } : { path: logs[0]?.path, message: `${logs.length} modules log, but nothing configures logging (basicConfig, dictConfig, Django LOGGING, a logging config file)` }],
    'Configure logging once at start-up (logging.basicConfig or dictConfig; Django: the LOGGING setting) with a level and a format that has time and logger name.',
    { skip: !app || logs.length === 0 },
  );
}
