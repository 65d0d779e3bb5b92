import type { ScanReport } from '../core/report.js';
import type { Brief, BriefSection, Use } from './types.js';
import { esc, renderArchitectureMermaid, renderArchitectureSvg } from './svg.js';
import { erDiagram, mostConnected } from './models.js';

/**
 * The brief is laid out once as a small document model (sections of paragraphs, lists and tables of inline
 * parts), then written as Markdown or HTML, so that both formats always say the same thing.
 */
type Inline = string | { code: string } | { link: string; text: string; code?: boolean } | { strong: string } | { warn: string };
type Line = Inline[];
type Block = { p: Line } | { list: Line[] } | { table: { head: string[]; rows: Line[][] } } | { h3: string } | { diagram: true } | { mermaid: string };
interface Section { id: BriefSection; title: string; blocks: Block[]; gaps: string[] }

export interface BriefRenderOptions {
  /** Markdown: where the architecture SVG was written, relative to the Markdown file; without it a Mermaid block is used. */
  svgHref?: string;
  /** Prefix for links to files of the scanned tree (relative path from the output to the scanned root). */
  linkBase?: string;
}

const MAX_ROWS = 200;
/** Gaps shown per section; the JSON keeps them all. */
const MAX_GAPS = 20;

function shownGaps(gaps: string[]): string[] {
  return gaps.length > MAX_GAPS ? [...gaps.slice(0, MAX_GAPS), `… and ${gaps.length - MAX_GAPS} more (see the JSON brief)`] : gaps;
}
const KIND_ORDER = ['install', 'run', 'test', 'migrate', 'lint', 'build', 'docs', 'other'];

function fileLink(path: string, line: number | undefined, base: string): Inline {
  const text = line ? `${path}:${line}` : path;
  const href = `${base}${path}${line ? `#L${line}` : ''}`;
  // A file of the scanned tree named `javascript:x.py` or `//host/x` must stay a relative link.
  return { link: /^([a-z][a-z0-9+.-]*:|[/\\])/i.test(href) ? `./${href}` : href, text, code: true };
}

function usesCell(uses: Use[], base: string, max = 3): Inline[] {
  const byFile = new Map<string, number>();
  for (const u of uses) if (!byFile.has(u.path)) byFile.set(u.path, u.line);
  const out: Inline[] = [];
  for (const [p, l] of [...byFile].slice(0, max)) {
    if (out.length) out.push(', ');
    out.push(fileLink(p, l, base));
  }
  if (byFile.size > max) out.push(` +${byFile.size - max} more`);
  return out;
}

const cap = <T>(rows: T[]): { rows: T[]; more: number } => ({ rows: rows.slice(0, MAX_ROWS), more: Math.max(0, rows.length - MAX_ROWS) });

function table(head: string[], all: Line[][], blocks: Block[]): void {
  const { rows, more } = cap(all);
  blocks.push({ table: { head, rows } });
  if (more) blocks.push({ p: [`… and ${more} more (see the JSON brief).`] });
}

/** The brief as sections; `base` prefixes file links. */
const list = <T>(x: T[] | undefined | null): T[] => (Array.isArray(x) ? x : []);

/** A brief stored by an older pyvet (the dashboard renders old reports) lacks newer sections: render what is there. */
function normalize(raw: Brief): Brief {
  const b = raw as Partial<Brief>;
  return {
    ...raw,
    name: typeof b.name === 'string' ? b.name : 'Handoff brief',
    description: typeof b.description === 'string' ? b.description : null,
    routes: list(b.routes), tasks: list(b.tasks), schedules: list(b.schedules), integrations: list(b.integrations),
    commands: list(b.commands), owners: list(b.owners), gaps: list(b.gaps), frameworks: list(b.frameworks),
    entryPoints: list(b.entryPoints), cli: list(b.cli), envVars: list(b.envVars), fragile: list(b.fragile),
    architecture: b.architecture && Array.isArray(b.architecture.nodes) && Array.isArray(b.architecture.edges)
      ? { ...b.architecture, cycles: list(b.architecture.cycles) }
      : { nodes: [], edges: [], width: 0, height: 0, cycles: [], depth: 0 },
  };
}

function model(raw: Brief, base: string): Section[] {
  const b = normalize(raw);
  const gaps = (s: BriefSection) => list(b.sectionGaps?.[s]);
  const sections: Section[] = [];

  // 1. What it is
  {
    const blocks: Block[] = [];
    if (b.description) blocks.push({ p: [b.description] });
    const py = b.python;
    const pyLine: Line = [{ strong: 'Python: ' }];
    const parts: Line[] = [];
    if (py?.requiresPython) parts.push(['requires-python ', { code: py.requiresPython }]);
    if (list(py?.classifiers).length) parts.push([`classifiers ${list(py?.classifiers).join(', ')}`]);
    if (list(py?.ci).length) parts.push([`CI ${[...new Set(py.ci.map((c) => c.version))].join(', ')} (${[...new Set(py.ci.map((c) => c.file))].join(', ')})`]);
    for (const p of list(py?.pinned)) parts.push([`${p.version} in ${p.file}`]);
    parts.forEach((p, i) => pyLine.push(...(i ? ['; ', ...p] : p)));
    if (!parts.length) pyLine.push('not declared');
    const items: Line[] = [pyLine];
    for (const d of list(py?.disagreements)) items.push([{ warn: 'Disagreement: ' }, d]);
    if (b.frameworks?.length) {
      const fw: Line = [{ strong: 'Frameworks and libraries: ' }];
      b.frameworks.forEach((f, i) => {
        if (i) fw.push(', ');
        fw.push(`${f.name} (${f.imported ? `imported in ${f.files} file${f.files === 1 ? '' : 's'}` : 'declared, never imported'}${f.imported && !f.declared ? ', not declared' : ''})`);
      });
      items.push(fw);
    }
    const s = b.size;
    if (s) items.push([{ strong: 'Size: ' }, `${s.pythonFiles - s.testFiles} Python files, ${s.loc} lines of code; ${s.testFiles} test files (${s.testLoc} lines)`]);
    blocks.push({ list: items });
    sections.push({ id: 'what', title: 'What it is', blocks, gaps: gaps('what') });
  }

  // 2. How to run it
  {
    const blocks: Block[] = [];
    const cmds = [...b.commands].sort((x, y) => KIND_ORDER.indexOf(x.kind) - KIND_ORDER.indexOf(y.kind));
    if (cmds.length) table(['Kind', 'Command', 'Runs', 'Found in'], cmds.map((c) => [[c.kind], [{ code: c.command }], c.detail ? [{ code: c.detail }] : [''], [fileLink(c.file, c.line, base)]]), blocks);
    else blocks.push({ p: ['The project documents no command to install, run or test it.'] });
    if (b.testServices?.length) {
      blocks.push({ h3: 'Services the tests need' });
      table(['Service', 'Image', 'Found in'], b.testServices.map((s) => [[s.name], [{ code: s.image }], [fileLink(s.path, s.line, base)]]), blocks);
    }
    sections.push({ id: 'run', title: 'How to run it', blocks, gaps: gaps('run') });
  }

  // 3. Where work enters
  {
    const blocks: Block[] = [];
    if (b.entryPoints?.length) {
      blocks.push({ h3: 'Entry points' });
      table(['Kind', 'Name', 'Target', 'Where'], b.entryPoints.map((e) => [[e.kind], [{ code: e.name }], e.target ? [{ code: e.target }] : [''], [fileLink(e.file, e.line, base)]]), blocks);
    }
    if (b.cli?.length) {
      blocks.push({ h3: `CLI commands (${b.cli.length})` });
      table(['Command', 'Framework', 'Handler', 'Where'], b.cli.map((c) => [[{ code: c.name }], [c.framework], [{ code: c.handler }], [fileLink(c.file, c.line, base)]]), blocks);
    }
    blocks.push({ h3: `HTTP routes (${b.routes.length})` });
    if (b.routes.length) {
      table(['Method', 'Path', 'Handler', 'Declared at'], b.routes.map((r) => [[r.method], [{ code: r.path }], [{ code: r.handler }, ...(r.handlerFile ? [' (', fileLink(r.handlerFile, r.handlerLine, base), ')'] : [])], [fileLink(r.file, r.line, base)]]), blocks);
    } else blocks.push({ p: ['No HTTP routes found.'] });
    for (const q of list(b.graphql)) {
      const names = (xs: string[] | undefined): Line => (xs?.length ? xs.slice(0, 40).flatMap((x, i): Inline[] => [...(i ? [', '] : []), { code: x }]).concat(xs.length > 40 ? [`, … (${xs.length})`] : []) : ['none found']);
      blocks.push({ h3: `GraphQL (${q.framework}${q.endpoint ? ` at ${q.endpoint}` : ''}): ${q.queries.length} queries, ${q.mutations.length} mutations` });
      blocks.push({ list: [['Schema ', { code: q.schema }, ' ', fileLink(q.path, q.line, base)], ['Queries: ', ...names(q.queries)], ['Mutations: ', ...names(q.mutations)], ...(q.subscriptions ? [['Subscriptions: ', ...names(q.subscriptions)] as Line] : [])] });
    }
    blocks.push({ h3: `Background tasks (${b.tasks.length})` });
    if (b.tasks.length) table(['Task', 'Kind', 'Where'], b.tasks.map((t) => [[{ code: t.name }], [t.kind], [fileLink(t.file, t.line, base)]]), blocks);
    else blocks.push({ p: ['No background tasks found.'] });
    blocks.push({ h3: `Schedules (${b.schedules.length})` });
    if (b.schedules.length) table(['Name', 'Task', 'When', 'Kind', 'Where'], b.schedules.map((s) => [[s.name], [{ code: s.task }], [{ code: s.schedule }], [s.kind], [fileLink(s.file, s.line, base)]]), blocks);
    else blocks.push({ p: ['No schedules found.'] });
    sections.push({ id: 'entry', title: 'Where work enters', blocks, gaps: gaps('entry') });
  }

  // 4. What it talks to
  {
    const blocks: Block[] = [];
    if (b.integrations.length) table(['Kind', 'Service', 'Detail', 'Used in'], b.integrations.map((i) => [[i.kind], [i.name], i.detail ? [{ code: i.detail }] : [''], usesCell(i.uses ?? i.files.map((f) => ({ path: f, line: 0 })), base)]), blocks);
    else blocks.push({ p: ['No databases, queues, cloud services or external APIs found in the code.'] });
    sections.push({ id: 'talks', title: 'What it talks to', blocks, gaps: gaps('talks') });
  }

  // 5. Configuration
  {
    const blocks: Block[] = [];
    blocks.push({ h3: `Environment variables (${b.envVars?.length ?? 0})` });
    if (b.envVars?.length) table(['Name', 'Documented', 'Default', 'Read at'], b.envVars.map((e) => [[{ code: e.name }], [e.documented ? 'yes' : { warn: 'no' }], e.default !== null ? [{ code: e.default }] : ['—'], usesCell(e.uses, base)]), blocks);
    else blocks.push({ p: ['No environment variables are read.'] });
    const st = b.settings;
    const items: Line[] = [];
    for (const d of list(st?.djangoSettingsModule)) items.push(['DJANGO_SETTINGS_MODULE defaults to ', { code: d.value }, ' in ', fileLink(d.file, d.line, base)]);
    if (st?.rootUrlconf) items.push(['ROOT_URLCONF ', { code: st.rootUrlconf }]);
    for (const m of list(st?.modules)) items.push(['Settings ', { code: m.module }, ` (`, fileLink(m.file, undefined, base), ')', ...(list(m.extends).length ? [' extends ', ...m.extends.flatMap((e, i): Inline[] => (i ? [', ', { code: e }] : [{ code: e }]))] : [])]);
    if (list(st?.files).length) items.push(['Configuration files: ', ...st.files.flatMap((f, i): Inline[] => (i ? [', ', fileLink(f, undefined, base)] : [fileLink(f, undefined, base)]))]);
    if (items.length) blocks.push({ h3: 'Settings' }, { list: items });
    sections.push({ id: 'config', title: 'Configuration', blocks, gaps: gaps('config') });
  }

  // 6. Architecture
  {
    const blocks: Block[] = [];
    const a = b.architecture;
    if (list(a?.nodes).length && Array.isArray(a?.edges)) {
      blocks.push({ diagram: true });
      const out = new Map<string, string[]>();
      for (const e of a.edges) out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
      table(['Package', 'Files', 'LOC', 'Imports'], a.nodes.map((n) => [[{ code: n.id }, ...(n.inCycle ? [' ', { warn: 'cycle' }] : [])], [String(n.files)], [String(n.loc)], (out.get(n.id) ?? []).flatMap((t, i): Inline[] => (i ? [', ', { code: t }] : [{ code: t }]))]), blocks);
      for (const c of list(a.cycles)) blocks.push({ p: [{ warn: 'Import cycle: ' }, c.join(' ↔ ')] });
    } else blocks.push({ p: ['No Python packages to map.'] });
    const models = list(b.models);
    if (models.length) {
      const tables = models.filter((m) => m.kind !== 'pydantic');
      blocks.push({ h3: `Data model (${tables.length} tables, ${models.length - tables.length} schemas and settings)` });
      const er = erDiagram(models);
      if (er) blocks.push({ mermaid: er });
      table(['Model', 'Kind', 'Fields', 'Relations', 'Where'], [...tables, ...models.filter((m) => m.kind === 'pydantic')].map((m) => [
        [{ code: m.name }],
        [m.kind],
        [String(m.fields.length)],
        m.relations.length ? m.relations.slice(0, 6).flatMap((r, i): Inline[] => [...(i ? [', '] : []), `${r.field} ${r.kind} → `, { code: r.target }]).concat(m.relations.length > 6 ? [`, … (${m.relations.length})`] : []) : [''],
        [fileLink(m.path, m.line, base)],
      ]), blocks);
    }
    sections.push({ id: 'architecture', title: 'Architecture', blocks, gaps: gaps('architecture') });
  }

  // 7. Who knows what
  {
    const blocks: Block[] = [];
    if (b.owners.length) {
      table(['Area', 'Main authors (share of current lines)', 'Last change', 'Risk'], b.owners.map((o) => [
        [{ code: o.area }],
        [o.authors.map((x) => `${x.name} ${Math.round(x.share * 100)}%`).join(', ')],
        [o.lastChange ? o.lastChange.slice(0, 10) : '—'],
        o.stale ? [{ warn: `only expert inactive since ${o.expertLastCommit?.slice(0, 10) ?? '?'}` }] : [''],
      ]), blocks);
    } else blocks.push({ p: ['No ownership data.'] });
    sections.push({ id: 'owners', title: 'Who knows what', blocks, gaps: gaps('owners') });
  }

  // 8. Where it is fragile
  {
    const blocks: Block[] = [];
    const items = (b.fragile ?? []).map((f): Line => {
      const link: Inline[] = f.link ? [' — ', /^[\w.-]+\.html#/.test(f.link) ? { link: f.link, text: 'evidence' } : fileLink(f.link.replace(/:\d+$/, ''), Number(/:(\d+)$/.exec(f.link)?.[1]) || undefined, base)] : [];
      return [{ strong: `${f.kind}: ` }, f.message, ...link];
    });
    blocks.push(items.length ? { list: items } : { p: ['Nothing flagged.'] });
    sections.push({ id: 'fragile', title: 'Where it is fragile', blocks, gaps: gaps('fragile') });
  }
  return sections;
}

/**
 * A short orientation drawn only from the facts below it: what the system is, how to run it, the files to read first,
 * how a request (or a command) flows, where the business logic lives.
 */
function startHere(b: Brief, base: string): Line[] {
  const out: Line[] = [];
  const fws = list(b.frameworks).filter((f) => f.imported).map((f) => f.name);
  const gql = list(b.graphql);
  const gqlText = gql.length ? `a GraphQL API${gql[0]!.endpoint ? ` at ${gql[0]!.endpoint}` : ''} (${[
    `${gql.reduce((n, g) => n + g.queries.length, 0)} queries`,
    `${gql.reduce((n, g) => n + g.mutations.length, 0)} mutations`,
    ...(gql.some((g) => list(g.subscriptions).length) ? [`${gql.reduce((n, g) => n + list(g.subscriptions).length, 0)} subscriptions`] : []),
  ].join(', ')})` : '';
  const kinds = [b.routes.length ? `${b.routes.length} HTTP routes` : '', gqlText, b.cli.length ? `${b.cli.length} CLI commands` : '', b.tasks.length ? `${b.tasks.length} background tasks` : '', list(b.models).length ? `${list(b.models).filter((m) => m.kind !== 'pydantic').length} data models` : ''].filter(Boolean);
  out.push([{ strong: 'What it is: ' }, `${b.name}${b.description ? ` — ${b.description.slice(0, 160)}` : ''}${fws.length ? ` (${fws.slice(0, 4).join(', ')})` : ''}; ${kinds.join(', ') || 'a library'}.`]);
  // How to run it: the first install, run and test command the project documents, each with its source line
  const run = (['install', 'run', 'test'] as const).map((k) => firstCommand(b, k)).filter((c): c is NonNullable<typeof c> => !!c);
  if (run.length) out.push([{ strong: 'Run it: ' }, ...run.flatMap((c, i): Inline[] => [...(i ? ['; '] : []), `${c.kind} `, { code: c.command }, ' (', fileLink(c.file, c.line ?? undefined, base), ')'])]);
  // Files to read first: entry point, settings, root URLs, the GraphQL schema, the views most routes go to, the most connected models, the hottest module
  const read: { why: string; file: string; line?: number }[] = [];
  const add = (why: string, file: string | undefined, line?: number) => {
    if (file && !read.some((r) => r.file === file)) read.push({ why, file, line });
  };
  // the server entry a run command names (`uvicorn saleor.asgi:application`) before any other
  const gateways = b.entryPoints.filter((e) => e.kind === 'wsgi' || e.kind === 'asgi');
  const named = (module: string) => b.commands.some((c) => c.command.includes(module) || c.command.includes(`${module.replace(/\./g, '/')}.py`));
  const served = gateways.find((e) => named(e.name.replace(/:application$/, '')));
  // a Flask/FastAPI/Starlette/aiohttp service: the app object a run command loads (`fastapi run app/main.py`)
  const apps = list(b.apps);
  const app = served || gateways.length ? undefined : (apps.find((a) => named(a.name.split(':')[0]!)) ?? (b.routes.length ? apps[0] : undefined));
  const entry = served ?? gateways[0] ?? b.entryPoints.find((e) => e.kind === 'console-script') ?? b.entryPoints[0];
  if (app) add(`the ${app.framework} app (${app.name})`, app.file, app.line);
  else if (entry?.kind === 'console-script' || entry?.kind === 'gui-script') add(`entry point (${entry.name} → ${entry.target ?? '?'})`, entry.targetFile, entry.targetLine);
  else if (entry) add(`entry point (${entry.name})`, entry.file, entry.line);
  // the settings module the shallowest selector names (manage.py at the root, not a side project's)
  const selector = [...list(b.settings?.djangoSettingsModule)].sort((x, y) => x.file.split('/').length - y.file.split('/').length)[0];
  const settingsMod = selector?.value;
  const settingsFile = list(b.settings?.modules).find((m) => m.module === settingsMod)?.file;
  add('settings', settingsFile);
  const byFile = new Map<string, number>();
  for (const r of b.routes) byFile.set(r.file, (byFile.get(r.file) ?? 0) + 1);
  const rootUrls = b.routes.find((r) => b.settings?.rootUrlconf && r.file.replace(/\.py$/, '').replace(/\//g, '.').endsWith(b.settings.rootUrlconf));
  if (rootUrls) add('root URL configuration', rootUrls.file);
  const schema = [...gql].sort((x, y) => y.queries.length + y.mutations.length - x.queries.length - x.mutations.length)[0];
  if (schema) add(`the GraphQL schema (${schema.queries.length} queries, ${schema.mutations.length} mutations)`, schema.path, schema.line);
  const views = new Map<string, number>();
  for (const r of b.routes) if (r.handlerFile) views.set(r.handlerFile, (views.get(r.handlerFile) ?? 0) + 1);
  const topViews = [...views].sort((x, y) => y[1] - x[1])[0];
  if (topViews) add(`the views most routes go to (${topViews[1]})`, topViews[0]);
  else {
    const topRoutes = [...byFile].sort((x, y) => y[1] - x[1])[0];
    if (topRoutes) add(`where most routes are declared (${topRoutes[1]})`, topRoutes[0]);
  }
  const cliDir = (c: { file: string }) => c.file.replace(/\/[^/]+$/, '');
  const topCli = [...b.cli.reduce((m, c) => m.set(cliDir(c), (m.get(cliDir(c)) ?? 0) + 1), new Map<string, number>())].sort((x, y) => y[1] - x[1])[0];
  if (!b.routes.length && topCli) {
    const first = b.cli.find((c) => cliDir(c) === topCli[0]);
    if (first) add(`one of the CLI commands (${topCli[1]} in ${topCli[0]}/)`, first.file, first.line);
  }
  const models = mostConnected(list(b.models), 3);
  if (models[0]) add(`the most connected models (${models.map((m) => m.name).join(', ')})`, models[0].path, models[0].line);
  const hot = b.fragile.find((f) => f.kind === 'hotspot');
  if (hot) add('the hottest module (changed most, complex)', hot.message.split(':')[0]);
  if (read.length) out.push([{ strong: 'Read first: ' }, ...read.slice(0, 5).flatMap((r, i): Inline[] => [...(i ? ['; '] : []), fileLink(r.file, r.line, base), ` — ${r.why}`])]);
  // How a request flows
  const dj = b.routes.some((r) => r.framework.startsWith('django'));
  const api = [b.routes.some((r) => r.framework === 'django-rest-framework') ? 'DRF viewsets' : '', schema ? `GraphQL resolvers${schema.endpoint ? ` behind ${schema.endpoint}` : ''}` : ''].filter(Boolean);
  if (dj && b.settings?.rootUrlconf) {
    out.push([{ strong: 'How a request flows: ' }, `${entry?.kind === 'asgi' || entry?.kind === 'wsgi' ? `${entry.name} → ` : ''}settings `, { code: settingsMod ?? '?' }, ' → middleware → ROOT_URLCONF ', { code: b.settings.rootUrlconf }, ` → include()d URL modules → views${api.length ? ` (and ${api.join(', ')})` : ''}${list(b.models).length ? ' → models (Django ORM)' : ''}.`]);
  } else if (b.routes.length) {
    const fw = b.routes[0]!.framework;
    out.push([{ strong: 'How a request flows: ' }, `${fw} app${app ? ` ${app.name}` : ''} → routers/blueprints (prefixes joined in the table below) → handler functions${list(b.models).length ? ' → models' : ''}.`]);
  } else if (b.cli.length) out.push([{ strong: 'How a command flows: ' }, `console script → ${b.cli[0]!.framework} application → the command class or function named in the CLI table.`]);
  // Where business logic lives: the biggest packages of the map, the interface layer (API, CLI) named apart
  const nodes = [...list(b.architecture?.nodes)].sort((x, y) => y.loc - x.loc);
  const layer = interfaceLayer(b, nodes.map((n) => n.id));
  const logic = nodes.filter((n) => n.id !== layer?.id).slice(0, 3);
  const layerNode = layer ? nodes.find((n) => n.id === layer.id) : undefined;
  if (logic.length) {
    out.push([{ strong: 'Business logic lives in: ' }, ...logic.flatMap((n, i): Inline[] => [...(i ? [', '] : []), { code: n.id }, ` (${n.loc} lines)`]), ...(layer && layerNode ? ['; the ', layer.what, ' is ', { code: layer.id }, ` (${layerNode.loc} lines)`] : []), '.']);
  }
  return out;
}

/** The documented command of a kind a newcomer should type first: the project's own tooling before system packages and containers. */
function firstCommand(b: Brief, kind: 'install' | 'run' | 'test') {
  const of = b.commands.filter((c) => c.kind === kind);
  const rank = (c: Brief['commands'][number]): number => {
    const t = c.command;
    if (kind === 'install') return /\b(pip3? install -(r|e)|pip3? install \.|uv sync|poetry install|pipenv install|pdm install|make install|conda env create)\b/.test(t) ? 0 : /\b(brew|apt(-get)?|npm|bun|yarn|pnpm)\b/.test(t) ? 2 : 1;
    if (kind === 'run') return /\b(runserver|uvicorn|gunicorn|flask run|fastapi (dev|run)|poe (start|dev|serve)|make (run|dev|serve))\b/.test(t) && c.source !== 'compose' ? 0 : c.source === 'compose' || c.source === 'k8s' ? 2 : 1;
    return /\bpytest|manage\.py test|\btox\b|\bnox\b|poe test|make test/.test(t) ? 0 : 1;
  };
  return [...of].sort((x, y) => rank(x) - rank(y))[0];
}

/**
 * The package holding the system's interface (the views most routes go to, the GraphQL schema, the CLI commands) when it
 * holds none of the data model: saleor's `saleor.graphql`, poetry's `poetry.console`. A Django app with its own models
 * and views (netbox's `dcim`) is business logic.
 */
function interfaceLayer(b: Brief, ids: string[]): { id: string; what: string } | null {
  const owner = (module: string): string | undefined => ids.filter((id) => module === id || module.startsWith(`${id}.`)).sort((x, y) => y.length - x.length)[0];
  const count = new Map<string, number>();
  const bump = (module: string | undefined, n = 1) => {
    const id = module ? owner(module) : undefined;
    if (id) count.set(id, (count.get(id) ?? 0) + n);
  };
  for (const r of b.routes) bump(r.handler.replace(/\(.*$/, ''));
  for (const g of list(b.graphql)) bump(g.schema.split(':')[0], g.queries.length + g.mutations.length);
  for (const c of b.cli) if (c.framework !== 'django') bump(c.handler);
  const top = [...count].sort((x, y) => y[1] - x[1])[0];
  // a layer holds (nearly) all of the interface: commands spread over many packages (a CLI tool) make none
  const total = [...count.values()].reduce((a, n) => a + n, 0);
  if (top && top[1] < 0.75 * total) return null;
  // the root package holding the rest (flask's `flask`, with its CLI module) is the system itself, not a layer of it
  if (!top || ids.length < 2 || ids.some((id) => id.startsWith(`${top[0]}.`))) return null;
  const tables = list(b.models).filter((m) => m.kind !== 'pydantic');
  if (tables.some((m) => owner(m.module) === top[0])) return null;
  const what = list(b.graphql).some((g) => owner(g.schema.split(':')[0]!) === top[0]) || b.routes.length ? 'API layer' : 'CLI layer';
  return { id: top[0], what };
}

// --- Markdown ---------------------------------------------------------------

function mdText(s: string): string {
  return s.replace(/\r?\n/g, ' ').replace(/([\\`*_[\]<>|#])/g, '\\$1');
}

function mdCode(s: string): string {
  const t = s.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
  return t.includes('`') ? `\`\` ${t} \`\`` : `\`${t}\``;
}

function mdInline(parts: Inline[]): string {
  return parts
    .map((p) => {
      if (typeof p === 'string') return mdText(p);
      if ('link' in p) return `[${p.code ? mdCode(p.text) : mdText(p.text)}](${encodeURI(p.link).replace(/\(/g, '%28').replace(/\)/g, '%29')})`;
      if ('code' in p) return mdCode(p.code);
      if ('strong' in p) return `**${mdText(p.strong.trim())}** `;
      return `⚠ ${mdText(p.warn)}`;
    })
    .join('')
    .replace(/\*\* {2}/g, '** ');
}

/** The brief as Markdown, to commit as HANDOFF.md. */
export function renderBriefMarkdown(report: ScanReport, opts: BriefRenderOptions = {}): string {
  const b = report.brief ? normalize(report.brief) : undefined;
  if (!b) return '# Handoff brief\n\nThe brief was not built for this scan.\n';
  const base = opts.linkBase ?? '';
  const out: string[] = [`# Handoff brief: ${mdText(b.name)}`, ''];
  out.push(`_Generated by pyvet ${mdText(report.version)}${report.commit ? ` at commit ${mdCode(report.commit.slice(0, 12))}` : ''} on ${report.scannedAt.slice(0, 10)}. Every claim points at a file and line; what could not be determined is listed under each section._`, '');
  const start = startHere(b, base);
  if (start.length) out.push('## Start here', '', ...start.map((l) => `- ${mdInline(l)}`), '');
  const sections = model(b, base);
  out.push(sections.map((s, i) => `${i + 1}. [${s.title}](#${i + 1}-${s.title.toLowerCase().replace(/\s+/g, '-')})`).join('\n'), '');
  for (const [i, s] of sections.entries()) {
    out.push(`## ${i + 1}. ${s.title}`, '');
    for (const blk of s.blocks) {
      if ('p' in blk) out.push(mdInline(blk.p), '');
      else if ('h3' in blk) out.push(`### ${mdText(blk.h3)}`, '');
      else if ('list' in blk) out.push(...blk.list.map((l) => `- ${mdInline(l)}`), '');
      else if ('table' in blk) {
        out.push(`| ${blk.table.head.map(mdText).join(' | ')} |`, `|${blk.table.head.map(() => '---').join('|')}|`);
        for (const r of blk.table.rows) out.push(`| ${r.map((c) => mdInline(c) || ' ').join(' | ')} |`);
        out.push('');
      } else if ('mermaid' in blk) out.push('```mermaid', blk.mermaid, '```', '');
      else if (b.architecture?.nodes?.length) {
        out.push(opts.svgHref ? `![Package map: packages, their imports, cycles in red](${encodeURI(opts.svgHref)})` : renderArchitectureMermaid(b.architecture), '');
      }
    }
    if (s.gaps.length) out.push('**Could not determine:**', '', ...shownGaps(s.gaps).map((g) => `- ${mdText(g)}`), '');
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}

// --- HTML -------------------------------------------------------------------

function htmlInline(parts: Inline[], sameDoc: boolean): string {
  return parts
    .map((p) => {
      if (typeof p === 'string') return esc(p);
      if ('link' in p) {
        // inside the scan report the finding rows are on the same page
        const href = sameDoc ? p.link.replace(/^pyvet\.html#/, '#') : p.link;
        return `<a href="${esc(href)}">${p.code ? `<code>${esc(p.text)}</code>` : esc(p.text)}</a>`;
      }
      if ('code' in p) return `<code>${esc(p.code)}</code>`;
      if ('strong' in p) return `<strong>${esc(p.strong)}</strong>`;
      return `<span class="brief-warn">⚠ ${esc(p.warn)}</span>`;
    })
    .join('');
}

const BRIEF_CSS = `#brief .brief-warn{color:#b91c1c;font-weight:600}#brief .brief-gaps{border-left:3px solid #d97706;padding:.2em .8em;margin:.8em 0}#brief .brief-diagram{overflow:auto;max-width:100%;margin:.8em 0}#brief h3{margin-top:1.2em}#brief table{margin:.4em 0 1em}`;

function sectionHtml(report: ScanReport, sameDoc: boolean, headingLevel: 1 | 2, base = ''): string {
  const b = report.brief ? normalize(report.brief) : undefined;
  if (!b) return '<section id="brief"><h2>Handoff brief</h2><p class="empty">The brief was not built for this scan.</p></section>';
  const h = headingLevel === 1 ? ['h1', 'h2'] : ['h2', 'h3'];
  const out: string[] = [`<section id="brief"><style>${BRIEF_CSS}</style>`, `<${h[0]}>Handoff brief: ${esc(b.name)}</${h[0]}>`];
  const sections = model(b, base);
  out.push(`<nav class="brief-toc"><ol>${sections.map((s) => `<li><a href="#brief-${s.id}">${esc(s.title)}</a></li>`).join('')}</ol></nav>`);
  for (const s of sections) {
    out.push(`<div class="brief-section" id="brief-${s.id}"><${h[1]}>${esc(s.title)}</${h[1]}>`);
    for (const blk of s.blocks) {
      if ('p' in blk) out.push(`<p>${htmlInline(blk.p, sameDoc)}</p>`);
      else if ('h3' in blk) out.push(`<h4>${esc(blk.h3)}</h4>`);
      else if ('list' in blk) out.push(`<ul>${blk.list.map((l) => `<li>${htmlInline(l, sameDoc)}</li>`).join('')}</ul>`);
      else if ('table' in blk) {
        out.push(`<table><thead><tr>${blk.table.head.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead><tbody>`);
        for (const r of blk.table.rows) out.push(`<tr>${r.map((c) => `<td>${htmlInline(c, sameDoc)}</td>`).join('')}</tr>`);
        out.push('</tbody></table>');
      } else if ('mermaid' in blk) out.push(`<pre class="mermaid">${esc(blk.mermaid)}</pre>`);
      else if (b.architecture?.nodes?.length) out.push(`<div class="brief-diagram">${renderArchitectureSvg(b.architecture, `Package map of ${b.name}`)}</div>`);
    }
    if (s.gaps.length) out.push(`<div class="brief-gaps"><strong>Could not determine:</strong><ul>${shownGaps(s.gaps).map((g) => `<li>${esc(g)}</li>`).join('')}</ul></div>`);
    out.push('</div>');
  }
  out.push('</section>');
  return out.join('\n');
}

/** The brief as a standalone HTML page (also embedded as a section of the scan report). */
export function renderBriefHtml(report: ScanReport, opts: Pick<BriefRenderOptions, 'linkBase'> = {}): string {
  const title = `Handoff brief: ${report.brief?.name ?? ''}`;
  const css = 'body{font:15px/1.5 system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#111827}table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #e5e7eb;padding:.3em .5em;text-align:left;vertical-align:top}code{font:13px ui-monospace,monospace;background:#f3f4f6;padding:0 .2em;border-radius:3px}a{color:#1d4ed8}';
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"><title>${esc(title)}</title><style>${css}</style></head><body>\n${sectionHtml(report, false, 1, opts.linkBase ?? '')}\n</body></html>\n`;
}

/** The brief as a section (HTML fragment) of the scan's HTML report; holds the `<svg id="architecture">`. */
export function renderBriefSection(report: ScanReport): string {
  return sectionHtml(report, true, 2);
}

/** The architecture SVG as a file of its own (written beside a Markdown brief). */
export function renderBriefSvg(report: ScanReport): string | null {
  const b = report.brief ? normalize(report.brief) : undefined;
  return b?.architecture ? `<?xml version="1.0" encoding="UTF-8"?>\n${renderArchitectureSvg(b.architecture, `Package map of ${b.name}`)}\n` : null;
}
