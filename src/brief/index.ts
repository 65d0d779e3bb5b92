import type { Finding } from '../core/finding.js';
import { categoryOf } from '../core/finding.js';
import { SEVERITIES } from '../core/severity.js';
import type { Workspace } from '../sources/workspace.js';
import type { Dependency } from '../deps/types.js';
import type { HealthReport } from '../health/types.js';
import type { PythonFileFacts } from '../python/analyze.js';
import type { Brief, BriefSection, EnvVar, FragileItem, WebApp } from './types.js';
import { ModuleIndex, type Mod } from './resolve.js';
import { frameworks, projectName, pythonVersions, readManifest, readmeParagraph, readmePath } from './project.js';
import { runCommands } from './commands.js';
import { djangoRoutes, sortRoutes, webRoutes } from './routes.js';
import { cliCommands, entryPoints, schedulesOf, settingsOf, tasksOf } from './entries.js';
import { k8sWorkloads } from './k8s.js';
import { testServices } from './services.js';
import { integrationsOf } from './integrations.js';
import { modelsOf } from './models.js';
import { graphqlOf } from './graphql.js';
import { buildArchitecture } from './architecture.js';
import { ownersOf } from './owners.js';
import { ownershipOf } from '../facts/ownership.js';
import { maskUrlUserinfo } from '../core/url.js';
import { isSecretName, maskValue } from './redact.js';
import { rolesOf } from '../facts/roles.js';
import { isShipped } from '../core/role.js';

export interface BriefOptions {
  dependencies: Dependency[];
  python: PythonFileFacts[];
  health: HealthReport | null;
  /** Findings as the report shows them (post-processed), so every link has a row. */
  findings: Finding[];
  /** Where slow pure steps (the package-map layout) remember their results; none: always recompute. */
  cacheDir?: string | null;
}

export const SECTIONS: BriefSection[] = ['what', 'run', 'entry', 'talks', 'config', 'architecture', 'owners', 'fragile'];

/** Link to a finding's row in the full HTML report (the report gives each row this id). */
export const findingLink = (f: Finding): string => `pyvet.html#finding-${f.fingerprint}`;

/** Assemble the handoff brief from what the scan already gathered; the only work of its own is the layout and one `git log`. */
export async function buildBrief(ws: Workspace, opts: BriefOptions): Promise<Brief> {
  const g = Object.fromEntries(SECTIONS.map((s) => [s, [] as string[]])) as Record<BriefSection, string[]>;
  const roles = rolesOf(ws);
  // the one long git read runs while the rest of the brief is assembled
  const ownership = ws.repo ? ownershipOf(ws).catch((err: Error) => err) : null;
  const mods: Mod[] = opts.python.filter((p) => p.brief).map((p) => ({ module: p.module, path: p.path, facts: p.brief!, functions: p.health.functions, role: roles.role(p.path) }));
  const ix = new ModuleIndex(mods);
  // What the system serves and runs comes from production code only: never from tests, docs, examples or fixtures.
  // Python under a tool's dot-folder (saleor's .semgrep/ rule samples) is not the product either.
  const isProd = (p: string) => roles.role(p) === 'production' && !/(^|\/)\.[^/]+\//.test(p);
  const prod = new ModuleIndex(mods.filter((m) => isProd(m.path)));
  const pyFiles = ws.select((p) => p.endsWith('.py')).length;
  if (pyFiles && !mods.length) g.what.push(`${pyFiles} Python files were not analysed: routes, tasks, commands and integrations from code are missing`);
  const broken = opts.python.filter((p) => p.error);
  if (broken.length) g.what.push(`${broken.length} Python file(s) did not parse cleanly (${broken.slice(0, 3).map((b) => b.path).join(', ')}${broken.length > 3 ? ', …' : ''}): what they declare may be missing`);

  // What it is
  const manifest = readManifest(ws, g.what);
  const readme = readmePath(ws);
  const readmeText = readme ? ws.text(readme) : null;
  const description = manifest.description ?? (readmeText ? readmeParagraph(readmeText) : null);
  if (!description) g.what.push('no description (pyproject, setup.cfg or a README paragraph)');
  const python = pythonVersions(ws, manifest, g.what);
  const code = mods.filter((m) => m.role !== 'test');
  const tests = mods.filter((m) => m.role === 'test');
  const size = {
    pythonFiles: mods.length,
    loc: code.reduce((s, m) => s + m.facts.loc, 0),
    testFiles: tests.length,
    testLoc: tests.reduce((s, m) => s + m.facts.loc, 0),
  };

  // How to run it
  const commands = runCommands(ws, ix, manifest.scripts, g.run);
  const k8s = k8sWorkloads(ws, g.run);
  commands.push(...k8s.commands);
  const services = testServices(ws);

  // Where work enters
  const { lookup, ...settings } = settingsOf(ws, prod, g.config);
  const routes = sortRoutes([...webRoutes(prod, g.entry), ...djangoRoutes(prod, settings.rootUrlconfs ?? [], lookup, g.entry)]);
  for (const m of prod.mods) for (const d of m.facts.dynamic ?? []) if (!/settings|ROOT_URLCONF|database/.test(d.what)) g.entry.push(`${m.path}:${d.line}: ${d.what}`);
  // Celery tasks kept beside data migrations (saleor's `*/migrations/tasks/*.py`) run on the production workers too;
  // numbered schema migrations declare none
  const taskMods = [...prod.mods, ...mods.filter((m) => m.role === 'migration' && m.facts.tasks && !/(^|\/)\.[^/]+\//.test(m.path))];
  const tasks = tasksOf(new ModuleIndex(taskMods));
  const schedules = [...schedulesOf(ws, prod, g.entry), ...k8s.schedules];
  const cli = cliCommands(prod, manifest.scripts);
  const entry = entryPoints(prod, manifest.scripts);

  const models = modelsOf(prod);
  const graphql = graphqlOf(prod, routes, g.entry);

  // What it talks to
  const integrations = integrationsOf(ws, prod);

  // Configuration
  const envVars = envVarsOf(ws, ix, opts.health);
  const runtimeUrls = envVars.filter((e) => /(_URL|_URI|_HOST|_DSN|_ENDPOINT)$/.test(e.name) && !e.default).map((e) => e.name);
  if (runtimeUrls.length) g.talks.push(`addresses read from the environment without a default are not known: ${runtimeUrls.join(', ')}`);

  // Architecture
  const architecture = await buildArchitecture(prod, opts.health, opts.cacheDir);
  if (!architecture.nodes.length) g.architecture.push('no Python packages to map');
  else if (architecture.depth > 0 && architecture.nodes.length && prod.mods.some((m) => m.module.split('.').length - 1 > architecture.depth)) {
    g.architecture.push(`packages deeper than ${architecture.depth} level(s) are folded into their parents to keep the map readable`);
  }

  // Who knows what
  let owners: Brief['owners'] = [];
  if (!ws.repo) g.owners.push('not a git repository: who knows what cannot be determined');
  else {
    const own = await ownership;
    if (own instanceof Error || !own) g.owners.push(`git log failed (${own?.message ?? 'no repository'}): owners unknown`);
    else {
      owners = ownersOf(own.files.filter((f) => ws.byPath.has(f.path)), own.activity, isProd);
      if (own.skipped.length) g.owners.push(`${own.skipped.length} commit(s) with unreadable git objects were not counted (${own.skipped.slice(0, 3).map((c) => c.slice(0, 8)).join(', ')})`);
    }
  }

  // Where it is fragile
  // The findings as the report will show them (disabled rules dropped, overrides applied), so every link has a row.
  const fragile = fragileOf(ix, opts, envVars, g.fragile);

  const name = projectName(ws, manifest, readmeText);
  const gaps = SECTIONS.flatMap((s) => g[s].map((x) => `${s}: ${x}`));
  return {
    name, description, routes, tasks, schedules, integrations, commands, owners, gaps,
    python, frameworks: frameworks(ix, opts.dependencies), size, entryPoints: entry, cli, envVars, settings, architecture, fragile, models, graphql, testServices: services, apps: webApps(prod), sectionGaps: g,
  };
}

/** The web application objects a server loads; blueprints and routers hang off them. */
function webApps(ix: ModuleIndex): WebApp[] {
  const ROOT = new Set(['flask', 'fastapi', 'starlette', 'aiohttp']);
  return ix.mods.flatMap((m) => (m.facts.apps ?? []).filter((a) => ROOT.has(a.kind)).map((a) => ({ framework: a.kind, name: `${m.module}:${a.variable}`, file: m.path, line: a.line })));
}

/** Health's env-var inventory when it found any (defaults redacted), else the brief's own reading of os.environ/os.getenv. */
function envVarsOf(ws: Workspace, ix: ModuleIndex, health: HealthReport | null): EnvVar[] {
  const fromHealth = health?.metrics?.envVars;
  if (Array.isArray(fromHealth) && fromHealth.length) {
    return fromHealth.map((e) => ({
      name: e.name,
      documented: !!e.documented,
      default: typeof e.default === 'string' ? safeDefault(e.name, e.default) : null,
      uses: Array.isArray(e.uses) ? e.uses : [],
    }));
  }
  const docs = ws
    .select((p) => /^readme/i.test(p) || (/^docs?\//.test(p) && /\.(md|rst|txt)$/.test(p)) || /(^|\/)\.env\.(example|sample|template|dist)$|(^|\/)example\.env$/.test(p))
    .map((f) => ws.text(f.path) ?? '')
    .join('\n');
  const byName = new Map<string, EnvVar>();
  for (const m of ix.mods) {
    if (!m.role || !isShipped(m.role)) continue;
    for (const e of m.facts.env ?? []) {
      const v = byName.get(e.name) ?? { name: e.name, documented: wordRe(e.name).test(docs), default: null, uses: [] };
      v.default ??= e.default === null ? null : safeDefault(e.name, e.default);
      v.uses.push({ path: m.path, line: e.line });
      byName.set(e.name, v);
    }
  }
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** A default is shown, except the part that is a credential: URL passwords, and the value of a secret-named variable. */
function safeDefault(name: string, value: string): string {
  const v = maskUrlUserinfo(value);
  return isSecretName(name) && v === value && value ? maskValue(value) : v;
}

/** `name` as a whole word (an env var named DB is not DB_HOST). */
const wordRe = (name: string): RegExp => new RegExp(`(^|[^A-Za-z0-9_])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z0-9_])`);

const SEV_RANK = new Map(SEVERITIES.map((s, i) => [s as string, i]));

function fragileOf(ix: ModuleIndex, opts: BriefOptions, envVars: EnvVar[], gaps: string[]): FragileItem[] {
  const out: FragileItem[] = [];
  const linkFor = (pred: (f: Finding) => boolean, fallback: string) => {
    const f = opts.findings.find(pred);
    return f ? findingLink(f) : fallback;
  };
  const git = opts.health?.metrics?.git;
  if (!git) gaps.push('no git history (or no health review): hotspots and knowledge islands unknown');
  for (const h of (git?.hotspots ?? []).slice(0, 5)) {
    out.push({ kind: 'hotspot', message: `${h.path}: changed ${h.churn} times, complexity ${h.complexity}`, link: linkFor((f) => f.path === h.path && /hotspot|churn/.test(f.rule), h.path) });
  }
  for (const k of (git?.knowledgeIslands ?? []).slice(0, 10)) {
    const p = typeof k === 'string' ? k : String((k as { path?: string })?.path ?? k);
    out.push({ kind: 'knowledge-island', message: `${p}: one person wrote nearly all of it`, link: linkFor((f) => f.path === p && /island|bus/.test(f.rule), p) });
  }
  out.push(...untested(ix, opts.health, gaps));
  for (const e of envVars.filter((v) => !v.documented)) {
    const u = e.uses[0];
    const at = u ? `${u.path}:${u.line}` : '';
    out.push({ kind: 'undocumented-env', message: `${e.name} is read${at ? ` at ${at}` : ''} but documented nowhere`, link: linkFor((f) => /env/.test(f.rule) && wordRe(e.name).test(f.message), at) });
  }
  const security = opts.findings
    .filter((f) => categoryOf(f.rule) === 'secrets' || f.rule === 'deps.vulnerable')
    .sort((a, b) => (SEV_RANK.get(a.severity) ?? 9) - (SEV_RANK.get(b.severity) ?? 9) || (a.path < b.path ? -1 : 1));
  const listed = new Set<string>();
  for (const f of security) {
    // a secret found in many commits is one thing to fix
    if (listed.has(f.fingerprint)) continue;
    listed.add(f.fingerprint);
    out.push({ kind: 'security', message: `[${f.severity}] ${f.message} (${f.path}:${f.line})`, link: findingLink(f) });
  }
  return out;
}

/**
 * The biggest ten code modules no test imports: health's list when it made one (so both say the same), else modules
 * that no test imports nor names (test_<name>.py). A heuristic either way: a test may exercise them indirectly.
 */
function untested(ix: ModuleIndex, health: HealthReport | null, gaps: string[]): FragileItem[] {
  const tests = ix.mods.filter((m) => m.role === 'test');
  const code = ix.mods.filter((m) => m.role === 'production');
  if (!code.length) return [];
  if (!tests.length) return [{ kind: 'untested', message: 'no tests found', link: '' }];
  const fromHealth = health?.metrics?.tests?.untestedModules;
  if (Array.isArray(fromHealth)) {
    const mods = fromHealth.map((name) => ix.byName.get(name)).filter((m): m is Mod => !!m).sort((a, b) => b.facts.loc - a.facts.loc);
    if (mods.length > 10) gaps.push(`${mods.length - 10} more modules without a test importing them are not listed`);
    return mods.slice(0, 10).map((m) => ({ kind: 'untested', message: `${m.module} (${m.facts.loc} lines): no test imports it`, link: m.path }));
  }
  const covered = new Set<string>();
  const named = new Set<string>();
  for (const t of tests) {
    named.add(t.path.replace(/^.*\//, '').replace(/^test_|_tests?\.py$|\.py$/g, ''));
    for (const i of t.facts.imports ?? []) {
      const base = ix.absolute(t, i.level, i.module);
      if (!base) continue;
      covered.add(base);
      if (i.name && i.name !== '*') covered.add(`${base}.${i.name}`);
    }
  }
  const skip = /(^|\/)(__init__|__main__|manage|settings|wsgi|asgi|conftest|setup|noxfile|apps|admin)\.py$|(^|\/)(migrations|settings)\//;
  const out = code
    .filter((m) => m.facts.loc >= 20 && !skip.test(m.path) && !covered.has(m.module) && !named.has(m.module.split('.').pop() ?? ''))
    .sort((a, b) => b.facts.loc - a.facts.loc);
  if (out.length > 10) gaps.push(`${out.length - 10} more modules without a test importing them are not listed`);
  return out.slice(0, 10).map((m) => ({ kind: 'untested', message: `${m.module} (${m.facts.loc} lines): no test imports it`, link: m.path }));
}
