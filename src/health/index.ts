import type { Finding } from '../core/finding.js';
import { fingerprint } from '../core/finding.js';
import type { Workspace } from '../sources/workspace.js';
import { isAside, type Dependency } from '../deps/types.js';
import type { PythonFileFacts } from '../python/analyze.js';
import type { SmellFact } from '../python/facts.js';
import { functionCount } from '../python/functions.js';
import type { Evidence, HealthCategory, HealthReport, ImportMetrics } from './types.js';
import { HEALTH_RULES, healthRule, isSuppressed, ruleForCheck } from './registry.js';
import type { HealthRule, ScoredRule, SmellScore } from './rule.js';
import { buildContext, COMPLEX_THRESHOLD, type HealthContext, type RuleHit } from './context.js';
import { check, type CheckResult } from './checks/model.js';
import { cyclePath } from '../facts/imports.js';
import { distributionsFor } from '../facts/import-names.js';
import { testChecks, testMetrics } from './checks/tests.js';
import { ciChecks } from './checks/ci.js';
import { docsChecks, toolChecks } from './checks/hygiene.js';
import { historyChecks } from './checks/history.js';
import { dependenciesDeclared } from './rules/dependencies-declared.js';
import { dependenciesPinned } from './rules/dependencies-pinned.js';
import { structureLoggingConfig } from './rules/structure-logging-config.js';
import { structureMaintainability } from './rules/structure-maintainability.js';

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

/** The smells each scored check counts, from the rules' `scoredBy`. */
const smellsScoredBy = (score: SmellScore) => new Set(HEALTH_RULES.filter((r) => r.scoredBy === score).map((r) => r.id));
const SECURITY_SMELLS = smellsScoredBy('security');
const ERROR_SMELLS = smellsScoredBy('error-handling');
// `assert` is reported for the record only: in a library it is mostly an invariant or a type narrowing.
const QUALITY_SMELLS = smellsScoredBy('quality');

/** The health review: build the context from the facts, run every rule's check, score the checks. */
export async function reviewHealth(ws: Workspace, opts: HealthOptions): Promise<HealthResult> {
  const ctx = await buildContext(ws, opts);
  const findings: Finding[] = [];
  const noqa = new Map(ctx.files.flatMap((f) => (f.health.noqa ? [[f.path, f.health.noqa] as const] : [])));
  const report = (rule: HealthRule, hit: RuleHit): void => {
    if (isSuppressed(rule.id, noqa.get(hit.path), hit.line)) return;
    findings.push(toFinding(ctx, rule, hit));
  };
  for (const rule of HEALTH_RULES) for (const hit of rule.check?.(ctx, rule) ?? []) report(rule, hit);

  const { checks, tests } = scoredChecks(ctx, opts.now ?? new Date());
  // Check-level findings for failed checks not already explained by per-location findings.
  for (const c of checks) {
    if (c.status !== 'fail' || c.coveredByFindings) continue;
    // Checks with no rule of their own are covered by findings (complexity, cycles, smells...).
    const rule = ruleForCheck(c.id);
    if (!rule) continue;
    const ev = c.evidence.find((e) => e.path) ?? c.evidence[0];
    report(rule, {
      path: ev?.path ?? '.',
      line: ev?.line ?? 1,
      message: `${rule.summary}: ${c.evidence.map((e) => e.message).join('; ').slice(0, 300)}`,
      detail: c.id,
      extra: { remediation: c.remediation, data: { check: c.id, score: c.score } },
    });
  }

  const { score, categories, weights } = scoreChecks(checks, ws.config.weights);
  return { health: healthReport(ctx, checks, tests, { score, categories, weights }), findings };
}

/** A rule's hit as a finding: what is not shipped (and migrations' size) is reported for the record, at info. */
function toFinding(ctx: HealthContext, rule: HealthRule, hit: RuleHit): Finding {
  const { path, line, message, detail, extra = {} } = hit;
  const frozen = rule.historyInMigrations === true && ctx.roles.role(path) === 'migration';
  const capped = frozen || (!rule.id.startsWith('health.tests.') && path !== '.' && !ctx.shipped(path));
  return {
    rule: rule.id,
    severity: capped ? 'info' : (extra.severity ?? rule.severity),
    path,
    line: Math.max(1, line),
    message,
    remediation: rule.docs.fix,
    fingerprint: fingerprint(rule.id, path, detail),
    ...extra,
    ...(capped ? { severity: 'info' as const } : {}),
  };
}

/** Every scored check, 0–10 with evidence, in report order. */
function scoredChecks(ctx: HealthContext, now: Date): { checks: CheckResult[]; tests: ReturnType<typeof testMetrics> } {
  const { tree, files, shippedFiles, roles, shipped, functions, complex, graph, eager, cycles, declarations: decls, declared: dvi, ci, docker, envVars, dependencies } = ctx;
  const checks: CheckResult[] = [];
  const scoreOf = (rule: ScoredRule) => rule.score(ctx, rule);
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
  checks.push(scoreOf(structureMaintainability));

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
  const undeclaredShipped = dvi.undeclared.filter((u) => u.uses.some((x) => ctx.needsDeclaring(x.path)));
  const thirdPartyCount = graph.thirdParty.size;
  const projectDeps = ctx.projectDependencies;
  checks.push(scoreOf(dependenciesDeclared));
  checks.push(
    check(
      'dependencies.undeclared',
      'dependencies',
      10 - 2 * undeclaredShipped.filter((u) => !dependencies.some((d) => distributionsFor(u.name).includes(d.name))).length - 0.5 * undeclaredShipped.filter((u) => dependencies.some((d) => distributionsFor(u.name).includes(d.name))).length,
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
  checks.push(scoreOf(dependenciesPinned));

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

  checks.push(...ciChecks(ci));

  // Tests.
  const tm = testMetrics(files, graph, tree, ci.texts, (p) => roles.role(p) === 'production');
  const codeModules = files.filter((f) => roles.role(f.path) === 'production' && functionCount(f.health.functions) > 0).length;
  checks.push(...testChecks(tm, codeModules));
  // CI cannot run tests that do not exist: tests.present's finding says it.
  const runsTests = checks.find((c) => c.id === 'ci.runs-tests');
  if (runsTests && tm.testFunctions === 0) runsTests.coveredByFindings = true;

  // Docs and tooling.
  checks.push(...docsChecks(tree));
  checks.push(...toolChecks(tree));

  // Code smells.
  // A smell in a migration is history (a migration is never edited again) for the rules that say so.
  const scored = (f: PythonFileFacts, s: SmellFact) =>
    !isSuppressed(s.rule, f.health.noqa, s.line) && !(healthRule(s.rule)?.historyInMigrations && roles.role(f.path) === 'migration');
  const smellCounts = new Map<string, number>();
  for (const f of shippedFiles) {
    for (const s of f.health.smells ?? []) if (scored(f, s)) smellCounts.set(s.rule, (smellCounts.get(s.rule) ?? 0) + 1);
  }
  const countOf = (set: Set<string>) => [...smellCounts].filter(([r]) => set.has(r)).reduce((n, [, c]) => n + c, 0);
  const smellEvidence = (set: Set<string>): Evidence[] =>
    shippedFiles.flatMap((f) => (f.health.smells ?? []).filter((s) => set.has(s.rule) && scored(f, s)).map((s) => ({ path: f.path, line: s.line, message: `${s.rule}: ${s.snippet}` }))).slice(0, 20);
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

  checks.push(scoreOf(structureLoggingConfig));

  // Containers.
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

  checks.push(...historyChecks(ctx.history, now));
  return { checks, tests: tm };
}

function healthReport(ctx: HealthContext, checks: CheckResult[], tm: ReturnType<typeof testMetrics>, scored: Pick<HealthReport, 'score' | 'categories' | 'weights'>): HealthReport {
  const { files, graph, cycles, declared: dvi, ci, functions } = ctx;
  const modules = files.map((f) => ({ path: f.path, module: f.module, maintainability: f.health.maintainability === null ? 0 : Math.round(f.health.maintainability * 100) / 100, loc: f.health.loc }));
  const imports: ImportMetrics = {
    cycles,
    undeclared: dvi.undeclared.map((u) => u.name),
    unused: dvi.unused.map((u) => u.name),
    devOnlyInProduction: dvi.devInProduction.map((d) => d.name),
    edges: [...graph.edges].flatMap(([a, m]) => [...m.keys()].map((b) => [a, b] as [string, string])).sort((x, y) => (x[0] !== y[0] ? (x[0] < y[0] ? -1 : 1) : x[1] < y[1] ? -1 : 1)),
    modules: files.map((f) => ({ module: f.module, path: f.path, loc: f.health.loc })).sort((a, b) => (a.module < b.module ? -1 : a.module > b.module ? 1 : 0)),
  };
  return {
    ...scored,
    checks: checks.map(({ coveredByFindings: _c, ...rest }) => rest),
    metrics: {
      functions,
      modules,
      imports,
      envVars: ctx.envVars,
      git: ctx.history?.metrics ?? null,
      tests: { framework: tm.framework, testFiles: tm.testFiles, testFunctions: tm.testFunctions, ratio: tm.ratio, layers: tm.layers, coverage: tm.coverage, untestedModules: tm.untestedModules },
      ci: ci.metrics,
    },
  };
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
