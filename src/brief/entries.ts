import type { Workspace } from '../sources/workspace.js';
import { rolesOf } from '../facts/roles.js';
import { isShipped } from '../core/role.js';
import type { ModuleIndex, Mod } from './resolve.js';
import type { SettingLookup } from './routes.js';
import type { Script } from './project.js';
import type { CliCommand, EntryPoint, Schedule, SettingsInfo, Task } from './types.js';
import { clickName, type CliFact } from './extract.js';

/** Background tasks; Celery's default name is `module.function`, as the worker registers it. */
export function tasksOf(ix: ModuleIndex): Task[] {
  const out: Task[] = [];
  const seen = new Set<string>();
  for (const m of ix.mods) {
    for (const t of m.facts.tasks ?? []) {
      let name: string;
      if (t.name) name = t.name;
      else if (t.kind === 'rq') name = ix.qualify(m, t.function);
      else if (t.kind === 'dramatiq') name = t.function;
      else name = [m.module, t.function].filter(Boolean).join('.');
      const k = `${t.kind}:${name}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push({ name, kind: t.kind, file: m.path, line: t.line });
      // `cls.handle` enqueued by a base class (netbox's JobRunner) runs as each subclass's job: list them too.
      const parts = t.kind === 'rq' && !t.name ? t.function.split('.') : [];
      const [cls, method] = parts;
      if (parts.length === 2 && m.facts.classes?.[cls!]) {
        for (const sub of subclassesOf(ix, `${m.module}.${cls}`)) {
          const k2 = `rq:${sub.name}.${method}`;
          if (!seen.has(k2)) {
            seen.add(k2);
            out.push({ name: `${sub.name}.${method}`, kind: 'rq', file: sub.file, line: sub.line });
          }
        }
      }
    }
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The project's classes deriving from `qualified`, directly or through each other, by qualified name. */
function subclassesOf(ix: ModuleIndex, qualified: string): { name: string; file: string; line: number }[] {
  const found = new Map<string, { name: string; file: string; line: number }>();
  const bases = new Set([qualified]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const m of ix.mods) {
      for (const [name, c] of Object.entries(m.facts.classes ?? {})) {
        const q = `${m.module}.${name}`;
        if (bases.has(q) || !c.bases?.some((b) => bases.has(ix.qualify(m, b)))) continue;
        bases.add(q);
        found.set(q, { name: q, file: m.path, line: c.line });
        grew = true;
      }
    }
  }
  return [...found.values()];
}

/** Celery beat, APScheduler and Huey schedules from the code, and crontab files. */
export function schedulesOf(ws: Workspace, ix: ModuleIndex, gaps: string[]): Schedule[] {
  const out: Schedule[] = [];
  for (const m of ix.mods) {
    for (const s of m.facts.schedules ?? []) {
      // beat entries name the task as registered; APScheduler and add_periodic_task take the function itself
      const task = !s.ref ? s.task : s.kind === 'apscheduler' ? ix.qualify(m, s.task) : qualifiedTask(ix, m, s.task);
      out.push({ name: s.name, task, schedule: s.schedule, kind: s.kind, file: m.path, line: s.line });
      // anything not read as `every …`/`cron …` (a variable, timedelta(seconds=SETTING)) is computed
      if (s.schedule.includes('{') || s.schedule === '?' || (s.kind === 'celery-beat' && !/^(every|cron) /.test(s.schedule))) gaps.push(`${m.path}:${s.line}: schedule of "${s.name}" is computed at run time (${s.schedule.slice(0, 60)})`);
    }
  }
  for (const f of ws.select((p, b) => b === 'crontab' || b.endsWith('.cron') || b === 'crontab.txt' || /(^|\/)cron\.d\/[^/]+$/.test(p))) {
    const text = ws.text(f.path);
    if (text === null) continue;
    for (const [i, l] of text.split('\n').entries()) {
      const t = l.trim();
      if (!t || t.startsWith('#') || /^\w+=/.test(t)) continue;
      const m = /^(@\w+|(?:\S+\s+){4}\S+)\s+(.+)$/.exec(t);
      if (!m) continue;
      // cron.d lines carry a user field before the command
      const cmd = /(^|\/)cron\.d\//.test(f.path) ? m[2]!.replace(/^\S+\s+/, '') : m[2]!;
      out.push({ name: cmd.length > 60 ? `${cmd.slice(0, 59)}…` : cmd, task: cmd, schedule: `cron ${m[1]}`, kind: 'cron', file: f.path, line: i + 1 });
    }
  }
  return out;
}

/** A bare function name in a beat entry (`add_periodic_task(10, ping.s())`) → its Celery task name. */
function qualifiedTask(ix: ModuleIndex, m: Mod, fn: string): string {
  const loc = ix.locate(ix.qualify(m, fn));
  if (!loc) return fn;
  const own = loc.mod.facts.tasks?.find((t) => t.function === loc.name);
  return own?.name ?? [loc.mod.module, loc.name].filter(Boolean).join('.');
}

/** CLI commands with their full path (`cli db upgrade`); a root group served by a console script takes the script's name. */
export function cliCommands(ix: ModuleIndex, scripts: Script[]): CliCommand[] {
  interface Node { name: string; parent: string | null; handler: string; file: string; line: number; framework: string }
  // objects by the module that defines them, so that an app re-exported by another module (`from deployer.app import app`
  // in deployer/dev/app.py, imported from there) is one object
  const where = (m: Mod, dotted: string): string => ix.key(m, dotted).replace(':', '.');
  const canonical = (target: string): string => {
    const loc = ix.locate(target.replace(':', '.'));
    return loc ? [loc.mod.module, loc.name].filter(Boolean).join('.') : target.replace(':', '.');
  };
  const byKey = new Map<string, Node>();
  for (const m of ix.mods) {
    for (const c0 of m.facts.cli ?? []) {
      const c = c0.inferred ? inferredCli(ix, m, c0) : c0;
      if (!c) continue;
      const handler = [m.module, c.handler].filter(Boolean).join('.');
      const parent = c.group ? where(m, c.group) : null;
      byKey.set(c.framework === 'argparse' ? `${handler}:${c.name}:${c.line}` : handler, { name: c.name, parent, handler: c.framework === 'argparse' ? `${m.module} (${c.handler})` : handler, file: m.path, line: c.line, framework: c.framework });
    }
  }
  // two scripts for one target (`adev` and `aiohttp-devtools`): the first declared names it
  const scriptOf = new Map<string, string>();
  for (const s of scripts) if (!scriptOf.has(canonical(s.target))) scriptOf.set(canonical(s.target), s.name);
  // a script pointing at `def main(): app()` (or `cli.main()`) names the CLI object main runs
  for (const s of scripts) {
    const loc = ix.locate(s.target.replace(':', '.'));
    for (const c of (loc && loc.mod.facts.defCalls?.[loc.name]) ?? []) {
      const q = where(loc!.mod, c.replace(/\.main$/, ''));
      if (!scriptOf.has(q)) scriptOf.set(q, s.name);
    }
  }
  // typer: the Typer object each sub-app is added to, and the name it is added under
  const typerParent = new Map<string, { parent: string; name: string | null }>();
  for (const m of ix.mods) for (const t of m.facts.typerMounts ?? []) typerParent.set(where(m, t.child), { parent: where(m, t.parent), name: t.name });
  const typerPath = (obj: string, depth = 0): string => {
    if (scriptOf.has(obj)) return scriptOf.get(obj)!;
    const up = typerParent.get(obj);
    if (!up || depth > 10) return '';
    return [typerPath(up.parent, depth + 1), up.name].filter(Boolean).join(' ');
  };
  const fullName = (n: Node, depth = 0): string => {
    const own = n.parent === null && scriptOf.has(n.handler) ? scriptOf.get(n.handler)! : n.name;
    if (!n.parent || depth > 10) return own;
    const p = byKey.get(n.parent);
    // typer: the parent is a Typer() object, not a command; a script pointing at it names the root
    if (!p) return [typerPath(n.parent), own].filter(Boolean).join(' ');
    return `${fullName(p, depth + 1)} ${own}`;
  };
  const out: CliCommand[] = [...byKey.values()].map((n) => ({ framework: n.framework, name: fullName(n), handler: n.handler, file: n.file, line: n.line }));
  // cleo (poetry-style): a Command subclass with `name = "env info"`; the one console script is the program's name
  const program = scripts.length === 1 ? `${scripts[0]!.name} ` : '';
  for (const m of ix.mods) {
    for (const [cls, c] of Object.entries(m.facts.classes ?? {})) {
      const name = c.fields?.find((f) => f.name === 'name' && f.value)?.value;
      if (name && /^[\w][\w: -]*$/.test(name) && outsideBases(ix, m, cls).some((q) => /^cleo\..*Command$/.test(q))) {
        out.push({ framework: 'cleo', name: `${program}${name}`, handler: `${m.module}.${cls}`, file: m.path, line: c.line });
      }
    }
    // Django: every management/commands/<name>.py with a Command class is `manage.py <name>`
    const mc = /(^|\/)management\/commands\/([^/_][^/]*)\.py$/.exec(m.path);
    const command = m.facts.classes?.Command;
    if (mc && command) out.push({ framework: 'django', name: `manage.py ${mc[2]}`, handler: `${m.module}.Command`, file: m.path, line: command.line });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** A command declared on an imported object: a Typer app or a click group of the project, else nothing. */
function inferredCli(ix: ModuleIndex, m: Mod, c: CliFact): CliFact | null {
  const loc = ix.locate(ix.qualify(m, c.group!));
  if (!loc) return null;
  if (loc.mod.facts.apps?.some((a) => a.kind === 'typer' && a.variable === loc.name)) return { ...c, framework: 'typer' };
  const group = loc.mod.facts.cli?.find((g) => g.isGroup && g.handler === loc.name && !g.inferred);
  if (group && group.framework === 'click') return { ...c, framework: 'click', name: c.inferred!.explicit ? c.name : clickName(c.handler) };
  return null;
}

/** The qualified names of the outside classes `cls` of `m` descends from through the project's classes (8 levels at most), depth first. */
export function outsideBases(ix: ModuleIndex, m: Mod, cls: string, depth = 0, out: string[] = []): string[] {
  const c = m.facts.classes?.[cls];
  if (!c || depth > 8) return out;
  for (const b of c.bases ?? []) {
    const q = ix.qualify(m, b);
    const loc = ix.locate(q);
    if (loc && loc.mod.facts.classes?.[loc.name]) outsideBases(ix, loc.mod, loc.name, depth + 1, out);
    else out.push(q);
  }
  return out;
}

export function entryPoints(ix: ModuleIndex, scripts: Script[]): EntryPoint[] {
  const out: EntryPoint[] = [];
  for (const s of scripts) {
    const loc = ix.locate(s.target.replace(':', '.'));
    const at = loc ? { targetFile: loc.mod.path, ...(loc.mod.facts.defs?.[loc.name] ? { targetLine: loc.mod.facts.defs[loc.name] } : {}) } : {};
    out.push({ kind: s.gui ? 'gui-script' : 'console-script', name: s.name, target: s.target, ...at, file: s.file, line: s.line });
  }
  for (const m of ix.mods) {
    const base = m.path.slice(m.path.lastIndexOf('/') + 1);
    if (base === '__main__.py') {
      const pkg = m.module.replace(/\.?__main__$/, '');
      out.push({ kind: 'main-module', name: pkg ? `python -m ${pkg}` : 'python .', file: m.path, line: m.facts.mainGuard ?? 1 });
    } else if (m.facts.mainGuard !== null) {
      out.push({ kind: 'main-guard', name: base === 'manage.py' ? 'python manage.py' : `python ${m.path}`, file: m.path, line: m.facts.mainGuard });
    }
    // saleor/asgi/__init__.py is the package `saleor.asgi`, served as `uvicorn saleor.asgi:application`
    const gateway = /(^|\/)(wsgi|asgi)(\.py|\/__init__\.py)$/.exec(m.path);
    if (gateway) out.push({ kind: gateway[2]!, name: `${m.module}:application`, file: m.path, line: 1 });
    const mc = /(^|\/)management\/commands\/([^/_][^/]*)\.py$/.exec(m.path);
    if (mc) out.push({ kind: 'management-command', name: `python manage.py ${mc[2]}`, target: m.module, file: m.path, line: m.facts.defs?.Command ?? 1 });
  }
  return out;
}

/** manage.py, wsgi.py and asgi.py say which settings run; other files (celery config, scripts) come after. */
const rank = (file: string): number => (/(^|\/)(manage|wsgi|asgi)\.py$|(^|\/)(wsgi|asgi)\/__init__\.py$/.test(file) ? 0 : 1);

const SETTINGS_FILE = /(^|\/)(\.env(\.[\w-]+)?|[\w-]*\.env|config\/[^/]+\.(ya?ml|toml|json|ini)|settings\.(toml|ya?ml|json|ini)|\.secrets\.toml|alembic\.ini|logging\.(conf|ini|ya?ml))$/;

/** Django settings modules and their layering, DJANGO_SETTINGS_MODULE, and configuration files. */
export function settingsOf(ws: Workspace, ix: ModuleIndex, gaps: string[]): SettingsInfo & { lookup: SettingLookup } {
  const info: SettingsInfo & { lookup: SettingLookup } = { djangoSettingsModule: [], modules: [], files: [], rootUrlconf: null, rootUrlconfs: [], lookup: () => null };
  for (const m of ix.mods) {
    const sm = m.facts.settings?.settingsModule;
    if (sm) info.djangoSettingsModule.push({ value: sm.value, file: m.path, line: sm.line });
  }
  const named = new Set(info.djangoSettingsModule.map((s) => s.value));
  for (const m of ix.mods) {
    const upperNames = m.facts.settings?.upperNames ?? [];
    const starImports = m.facts.settings?.starImports ?? [];
    const looksDjango = upperNames.some((n) => ['INSTALLED_APPS', 'DATABASES', 'ROOT_URLCONF', 'MIDDLEWARE', 'SECRET_KEY'].includes(n));
    const inSettingsPkg = /(^|\.)settings(\.|$)/.test(m.module);
    if (!named.has(m.module) && !looksDjango && !(inSettingsPkg && (starImports.length || upperNames.length))) continue;
    const ext = starImports.map((i) => ix.absolute(m, i.level, i.module)).filter((x): x is string => !!x);
    info.modules.push({ module: m.module, file: m.path, extends: ext });
  }
  // The settings module manage.py/wsgi.py/asgi.py select, shallowest first: a side project in a sub-folder (a lab,
  // an example) comes after the main one. Each settings module's ROOT_URLCONF is followed through `from .base import *`.
  const selectors = [...info.djangoSettingsModule].sort((x, y) => rank(x.file) - rank(y.file) || x.file.split('/').length - y.file.split('/').length || (x.file < y.file ? -1 : 1));
  const chain = <T>(mod: string, read: (m: Mod) => T | null, depth = 0): T | null => {
    const m = ix.byName.get(mod);
    if (!m || depth > 5) return null;
    const own = read(m);
    if (own !== null) return own;
    // star imports in reverse: the last one wins, as at run time
    for (const i of [...(m.facts.settings?.starImports ?? [])].reverse()) {
      const abs = ix.absolute(m, i.level, i.module);
      const r = abs ? chain(abs, read, depth + 1) : null;
      if (r !== null) return r;
    }
    return null;
  };
  const urlconfOf = (mod: string) => chain(mod, (m) => m.facts.settings?.rootUrlconf?.value ?? null);
  const roots: string[] = [];
  for (const s of selectors) {
    const r = urlconfOf(s.value);
    if (r && !roots.includes(r)) roots.push(r);
  }
  if (!roots.length) for (const m of info.modules) {
    const r = urlconfOf(m.module);
    if (r && !roots.includes(r)) roots.push(r);
  }
  info.rootUrlconf = roots[0] ?? null;
  info.rootUrlconfs = roots;
  const primary = selectors.find((s) => ix.byName.has(s.value))?.value ?? info.modules[0]?.module;
  info.lookup = (name) =>
    primary
      ? chain(primary, (m) => {
          const v = m.facts.settingValues?.[name];
          return v ? { value: v.value, computed: v.computed, file: m.path, line: v.line } : null;
        })
      : null;
  for (const m of info.djangoSettingsModule) {
    if (!ix.byName.has(m.value)) gaps.push(`DJANGO_SETTINGS_MODULE "${m.value}" (${m.file}:${m.line}) is not a module of this project`);
  }
  const roles = rolesOf(ws);
  info.files = ws.select((p) => SETTINGS_FILE.test(p) && isShipped(roles.role(p))).map((f) => f.path);
  for (const m of ix.mods) for (const d of m.facts.dynamic ?? []) if (/settings|ROOT_URLCONF|database/.test(d.what)) gaps.push(`${m.path}:${d.line}: ${d.what}`);
  return info;
}
