import type { Finding } from '../core/finding.js';
import type { Workspace } from '../sources/workspace.js';
import type { Dependency } from '../deps/types.js';
import type { PythonFileFacts } from '../python/analyze.js';
import { functionsOf, totalComplexity } from '../python/functions.js';
import { isShipped } from '../core/role.js';
import { rolesOf, type FileRoles } from '../facts/roles.js';
import { declarations } from '../facts/manifests.js';
import { pyprojects } from '../facts/config.js';
import { deptryConfig } from '../facts/deptry.js';
import { TreeIndex } from '../facts/tree-index.js';
import { buildImportGraph, eagerEdges, importCycles, type ImportEdge, type ImportGraph } from '../facts/imports.js';
import { ownPackages } from '../facts/own-packages.js';
import { envVarMetrics, type EnvVarMetric } from '../facts/env.js';
import { declaredVsImported, type DeclaredVsImported } from './checks/declared.js';
import { ciMetrics } from './checks/ci.js';
import { dockerSmells } from './checks/hygiene.js';
import { gitHistory } from './checks/history.js';
import type { FunctionMetric } from './types.js';

/** Complexity above which a function is reported (radon rank C starts at 11). */
export const COMPLEX_THRESHOLD = 10;

/** What a health rule's check reads: the facts of the repository, derived once for every rule. */
export interface HealthContext {
  ws: Workspace;
  tree: TreeIndex;
  files: PythonFileFacts[];
  /** Files of shipped code (not tests, fixtures, examples, docs or vendored code). */
  shippedFiles: PythonFileFacts[];
  dependencies: Dependency[];
  /** The project's own dependencies: manifests and locks of fixtures, examples and docs describe other projects. */
  projectDependencies: Dependency[];
  roles: FileRoles;
  shipped: (path: string) => boolean;
  /** A path whose imports must be declared: shipped code that is neither build nor CI glue. */
  needsDeclaring: (path: string) => boolean;
  functions: FunctionMetric[];
  complex: FunctionMetric[];
  graph: ImportGraph;
  /** Import edges that run at import time: only they make a cycle. */
  eager: Map<string, Map<string, ImportEdge>>;
  cycles: string[][];
  declarations: ReturnType<typeof declarations>;
  declared: DeclaredVsImported;
  envVars: EnvVarMetric[];
  ci: ReturnType<typeof ciMetrics>;
  docker: ReturnType<typeof dockerSmells>;
  history: Awaited<ReturnType<typeof gitHistory>>;
}

/** One place a rule's check reports: the finding's fields the rule itself does not decide. */
export interface RuleHit {
  path: string;
  line: number;
  message: string;
  /** What identifies this hit apart from rule and path: the fingerprint's match. */
  detail: string;
  extra?: Partial<Finding>;
}

export interface ContextOptions {
  dependencies: Dependency[];
  python: PythonFileFacts[];
}

export async function buildContext(ws: Workspace, opts: ContextOptions): Promise<HealthContext> {
  const tree = new TreeIndex(ws);
  const files = opts.python;
  // What each file is decides what counts: test, fixture, example, docs and vendored code is reported
  // for the record (at `info`) and never moves a score; the tests checks judge the tests themselves.
  const roles = rolesOf(ws);
  const shipped = (p: string) => isShipped(roles.role(p));
  const shippedFiles = files.filter((f) => shipped(f.path));
  const functions = files.flatMap((f) => functionsOf(f.health.functions).map((fn) => ({ path: f.path, name: fn.name, line: fn.line, endLine: fn.endLine, complexity: fn.complexity })));
  const graph = buildImportGraph(files);
  const eager = eagerEdges(graph.edges);
  const decls = declarations(ws);
  const loadedByName = new Set(shippedFiles.flatMap((f) => f.health.stringRefs ?? []));
  for (const { doc } of pyprojects(ws)) for (const t of entryPointModules(doc)) loadedByName.add(t);
  const own = ownPackages(ws, shipped);
  // What the project already told deptry (the same checks) it wants is not a finding here either.
  const deptry = deptryConfig(pyprojects(ws));
  const found = declaredVsImported(graph, decls, { isProduction: (p) => roles.role(p) === 'production', loadedByName, own, moduleMap: deptry.moduleMap });
  const declared: DeclaredVsImported = {
    undeclared: found.undeclared.filter((u) => !deptry.ignored('DEP001', u.name) && !deptry.ignored('DEP003', u.name)),
    unused: found.unused.filter((u) => !deptry.ignored('DEP002', u.name)),
    devInProduction: found.devInProduction.filter((d) => !deptry.ignored('DEP004', d.name)),
  };
  const ccByFile = new Map<string, number>();
  for (const f of files) ccByFile.set(f.path, totalComplexity(f.health.functions));
  return {
    ws,
    tree,
    files,
    shippedFiles,
    dependencies: opts.dependencies,
    projectDependencies: opts.dependencies.filter((d) => shipped(d.path)),
    roles,
    shipped,
    // setup.py and noxfile.py import what [build-system] or the tool installs for them: not runtime dependencies.
    needsDeclaring: (p) => shipped(p) && roles.role(p) !== 'build' && roles.role(p) !== 'ci',
    functions,
    complex: functions.filter((f) => f.complexity > COMPLEX_THRESHOLD),
    graph,
    eager,
    cycles: importCycles(eager),
    declarations: decls,
    declared,
    // What tests set up for themselves is not configuration a deployer needs to know.
    envVars: envVarMetrics(shippedFiles, tree),
    ci: ciMetrics(tree, ws.errors),
    // A dev container's or a test's image is not what gets deployed.
    docker: dockerSmells(tree, (p) => shipped(p) && roles.role(p) !== 'config'),
    history: await gitHistory(ws, { pyFiles: files.map((f) => ({ path: f.path, complexity: ccByFile.get(f.path) ?? 0 })) }),
  };
}

/** Files that make a repository an application (something deployed and run), not a library. */
const APP_MARKERS = /(^|\/)(manage\.py|wsgi\.py|asgi\.py|Procfile|Dockerfile|docker-compose\.ya?ml|compose\.ya?ml)$/;

/** An application is deployed: it pins what it installs and configures its logging; a library does neither. */
export function isApplication(tree: TreeIndex): boolean {
  return tree.paths.some((p) => APP_MARKERS.test(p) && p.split('/').length <= 3);
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
