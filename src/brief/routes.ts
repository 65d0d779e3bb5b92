import type { AppFact, DjangoPatternFact, MountFact } from './extract.js';
import type { ModuleIndex, Mod } from './resolve.js';
import type { Route } from './types.js';
import { classMethods } from './methods.js';

interface Router { key: string; kind: AppFact['kind'] | 'unknown'; prefix: string | null; mod: Mod }
interface Edge { parent: string; child: string; prefix: string | null; kind: MountFact['kind'] }

/**
 * A setting's string value from the production code: a module constant (`API_V1_STR = "/api/v1"`) or the default of a
 * settings class field (`class Settings(BaseSettings): API_V1_STR: str = "/api/v1"`). Null when none or ambiguous.
 */
export function projectSetting(ix: ModuleIndex, name: string): { value: string; file: string; line: number } | null {
  const found: { value: string; file: string; line: number }[] = [];
  for (const m of ix.mods) {
    const v = m.facts.settingValues?.[name];
    if (v) found.push({ value: v.value, file: m.path, line: v.line });
    for (const c of Object.values(m.facts.classes ?? {})) {
      const f = c.fields?.find((x) => x.name === name && x.value !== null);
      if (f) found.push({ value: f.value!, file: m.path, line: f.line });
    }
  }
  return found.length && found.every((f) => f.value === found[0]!.value) ? found[0]! : null;
}

/** Flask joins a blueprint prefix and a rule with exactly one slash. */
function flaskJoin(prefix: string, rule: string): string {
  if (!rule) return prefix;
  return `${prefix.replace(/\/+$/, '')}/${rule.replace(/^\/+/, '')}`;
}

const withSlash = (p: string): string => (p.startsWith('/') ? p : `/${p}`);

const frameworkOf = (kind: Router['kind'], mod: Mod): string => {
  if (kind === 'flask' || kind === 'blueprint') return 'flask';
  if (kind === 'fastapi' || kind === 'apirouter') return 'fastapi';
  if (kind === 'aiohttp' || kind === 'starlette') return kind;
  const mods = new Set((mod.facts.imports ?? []).map((i) => i.module.split('.')[0]));
  return mods.has('fastapi') ? 'fastapi' : mods.has('flask') ? 'flask' : mods.has('aiohttp') ? 'aiohttp' : mods.has('starlette') ? 'starlette' : 'unknown';
};

/**
 * Flask and FastAPI routes with every prefix applied: a blueprint's `url_prefix` (overridden by the one given to
 * `register_blueprint`, as Flask does), `APIRouter(prefix=)` after `include_router(prefix=)` (FastAPI concatenates),
 * nested blueprints and routers across modules.
 */
export function webRoutes(ix: ModuleIndex, gaps: string[]): Route[] {
  const routers = new Map<string, Router>();
  for (const mod of ix.mods) {
    for (const a of mod.facts.apps ?? []) {
      if (a.kind === 'celery' || a.kind === 'typer' || a.kind === 'drf-router') continue;
      // aiohttp's web.Application and Starlette() are only routers where the module imports them
      if ((a.kind === 'aiohttp' || a.kind === 'starlette') && !mod.facts.imports?.some((i) => i.module.split('.')[0] === a.kind)) continue;
      routers.set(`${mod.module}:${a.variable}`, { key: `${mod.module}:${a.variable}`, kind: a.kind, prefix: a.prefix, mod });
    }
  }
  const incoming = new Map<string, Edge[]>();
  for (const mod of ix.mods) {
    for (const m of mod.facts.mounts ?? []) {
      let prefix = m.prefix;
      if (m.setting) {
        const v = projectSetting(ix, m.setting);
        if (v) {
          prefix = v.value;
          gaps.push(`${mod.path}:${m.line}: prefix settings.${m.setting} is a setting; routes are listed with its default "${v.value}" (${v.file}:${v.line})`);
        } else gaps.push(`${mod.path}:${m.line}: prefix settings.${m.setting} has no default in the project; routes under it are listed without it`);
      }
      const e: Edge = { parent: ix.key(mod, m.parent), child: ix.key(mod, m.child), prefix, kind: m.kind };
      const list = incoming.get(e.child) ?? [];
      list.push(e);
      incoming.set(e.child, list);
    }
  }

  const memo = new Map<string, string[]>();
  /** Every full prefix under which a router's routes are served (one per mount chain). */
  const prefixesOf = (key: string, seen: Set<string>): string[] => {
    const cached = memo.get(key);
    if (cached) return cached;
    const r = routers.get(key);
    const own = r?.prefix ?? '';
    const edges = (incoming.get(key) ?? []).filter((e) => !seen.has(e.parent));
    if (!edges.length) return [own];
    const out: string[] = [];
    for (const e of edges) {
      for (const parent of prefixesOf(e.parent, new Set([...seen, key]))) {
        if (e.kind === 'register_blueprint') out.push(flaskJoin(parent, e.prefix ?? own));
        else if (e.kind === 'include_router') out.push(parent + (e.prefix ?? '') + own);
        else out.push(parent.replace(/\/+$/, '') + (e.prefix ?? ''));
      }
    }
    const uniq = [...new Set(out)];
    memo.set(key, uniq);
    return uniq;
  };

  const routes: Route[] = [];
  for (const mod of ix.mods) {
    for (const f of mod.facts.routes ?? []) {
      const key = ix.key(mod, f.owner);
      const r = routers.get(key);
      if (!r && f.owner) gaps.push(`${mod.path}:${f.line}: routes on \`${f.owner}\`, an object not created in this project: its prefix is unknown`);
      const fw = frameworkOf(r?.kind ?? 'unknown', r?.mod ?? mod);
      const handler = f.via === 'decorator' ? [mod.module, f.handler].filter(Boolean).join('.') : qualifyHandler(ix, mod, f.handler);
      for (const prefix of prefixesOf(key, new Set())) {
        const full = fw === 'flask' ? (prefix ? flaskJoin(prefix, f.path) : f.path) : prefix + f.path;
        for (const method of f.methods) routes.push({ method, path: withSlash(full), handler, file: mod.path, line: f.line, framework: fw });
      }
    }
  }
  return routes;
}

/** Django URL pattern segment as shown: regexes lose their `^` and `$` anchors so that segments join. */
function segment(p: DjangoPatternFact): string {
  if (p.kind === 'path') return p.route;
  return p.route.replace(/^\^/, '').replace(/\$$/, '');
}

/** A setting's value as the settings modules define it (literal, or the default of the lookup computing it). */
export type SettingLookup = (name: string) => { value: string; computed: boolean; file: string; line: number } | null;

/**
 * Django routes from each ROOT_URLCONF (the primary project's first), or, without one, from every URL module no other
 * one includes, following `include('app.urls')`, `include([...])`, `include(variable)`, DRF `router.urls` and
 * settings-valued prefixes, prefixes joined.
 */
export function djangoRoutes(ix: ModuleIndex, rootUrlconfs: string[], setting: SettingLookup, gaps: string[]): Route[] {
  const urlMods = ix.mods.filter((m) => m.facts.urlLists?.urlpatterns);
  if (!urlMods.length) return [];
  const included = new Set<string>();
  const routes: Route[] = [];
  const seenSettings = new Set<string>();
  /** include(f(...)) built at run time, by callee: one gap each, with every prefix it serves. */
  const computed = new Map<string, { at: string; prefixes: string[] }>();
  const computedGaps = () => {
    for (const [fn, c] of computed) {
      const shown = c.prefixes.slice(0, 4).join(', ') + (c.prefixes.length > 4 ? `, … (${c.prefixes.length} prefixes)` : '');
      gaps.push(`${c.at}: include(${fn}) builds URL patterns at run time; the routes under ${shown} are not listed`);
    }
  };

  const segmentOf = (mod: Mod, p: DjangoPatternFact): string => {
    if (!p.setting) return segment(p);
    const v = setting(p.setting);
    if (!seenSettings.has(p.setting)) {
      seenSettings.add(p.setting);
      if (!v) gaps.push(`${mod.path}:${p.line}: prefix settings.${p.setting} is not defined in the settings modules; routes under it are listed without it`);
      else if (v.computed) gaps.push(`${mod.path}:${p.line}: prefix settings.${p.setting} is computed (${v.file}:${v.line}); routes are listed with its default "${v.value}"`);
    }
    return v?.value ?? '';
  };

  const expand = (mod: Mod, patterns: DjangoPatternFact[], prefix: string, stack: string[]): void => {
    for (const p of patterns) {
      const full = prefix + segmentOf(mod, p);
      if (p.include) {
        const inc = p.include;
        if (inc.computed) {
          const c = computed.get(inc.computed) ?? { at: `${mod.path}:${p.line}`, prefixes: [] };
          c.prefixes.push(withSlash(full));
          computed.set(inc.computed, c);
          continue;
        }
        if (inc.patterns) {
          expand(mod, inc.patterns, full, stack);
          continue;
        }
        let target: Mod | undefined;
        let list: DjangoPatternFact[] | undefined;
        if (inc.module !== undefined) {
          target = ix.byName.get(inc.module);
          list = target?.facts.urlLists?.urlpatterns;
          if (!target) {
            routes.push({ method: 'ANY', path: withSlash(full), handler: `include('${inc.module}')`, file: mod.path, line: p.line, framework: 'django' });
            if (!inc.module.startsWith('django.')) gaps.push(`${mod.path}:${p.line}: include('${inc.module}') is not a module of this project; its routes are not listed`);
            continue;
          }
        } else if (inc.variable !== undefined) {
          const v = inc.variable;
          if (mod.facts.urlLists?.[v]) {
            target = mod;
            list = mod.facts.urlLists[v];
          } else if (v.endsWith('.urls') && drfRoutes(ix, mod, v.slice(0, -5), full, routes, gaps)) {
            continue;
          } else {
            const loc = ix.locate(ix.qualify(mod, v));
            if (loc && !loc.name) {
              target = loc.mod;
              list = loc.mod.facts.urlLists?.urlpatterns;
            } else if (loc && loc.mod.facts.urlLists?.[loc.name]) {
              target = loc.mod;
              list = loc.mod.facts.urlLists[loc.name];
            }
          }
        }
        if (!target || !list) {
          gaps.push(`${mod.path}:${p.line}: include(${inc.module ?? inc.variable}) could not be resolved statically; routes under ${withSlash(full)} are not listed`);
          continue;
        }
        if (stack.includes(`${target.module}:${inc.variable ?? 'urlpatterns'}`)) continue;
        if (target !== mod) included.add(target.module);
        expand(target, list, full, [...stack, `${target.module}:${inc.variable ?? 'urlpatterns'}`]);
        continue;
      }
      const view = p.view ?? '?';
      if (view === 'admin.site.urls') {
        routes.push({ method: 'ANY', path: withSlash(full), handler: 'django.contrib.admin', file: mod.path, line: p.line, framework: 'django' });
        continue;
      }
      const handler = ix.qualify(mod, view);
      routes.push(withDefinition(ix, { method: 'ANY', path: withSlash(full), handler, file: mod.path, line: p.line, framework: /graphql/i.test(view) ? 'graphql' : 'django' }));
    }
  };

  const roots = rootUrlconfs.map((r) => ({ name: r, mod: ix.byName.get(r) }));
  for (const r of roots) if (!r.mod) gaps.push(`ROOT_URLCONF "${r.name}" is not a module of this project`);
  const found = roots.filter((r) => r.mod?.facts.urlLists?.urlpatterns);
  if (found.length) {
    for (const r of found) {
      included.add(r.mod!.module);
      expand(r.mod!, r.mod!.facts.urlLists!.urlpatterns!, '', [`${r.mod!.module}:urlpatterns`]);
    }
    for (const m of urlMods) {
      if (!included.has(m.module)) gaps.push(`${m.path} defines urlpatterns but is not included from ROOT_URLCONF (${found.map((r) => r.name).join(', ')}); its routes are not listed`);
    }
    computedGaps();
    return routes;
  }
  // No ROOT_URLCONF: every URL module that no other one includes is a root.
  const includedNames = new Set<string>();
  const collect = (pats: DjangoPatternFact[]) => {
    for (const p of pats) {
      if (p.include?.module) includedNames.add(p.include.module);
      if (p.include?.patterns) collect(p.include.patterns);
    }
  };
  for (const m of urlMods) for (const list of Object.values(m.facts.urlLists ?? {})) collect(list);
  for (const m of urlMods) {
    if (includedNames.has(m.module)) continue;
    expand(m, m.facts.urlLists!.urlpatterns!, '', [`${m.module}:urlpatterns`]);
  }
  computedGaps();
  return routes;
}

/** Point a Django route at the view's definition when its module is in the project. */
function withDefinition(ix: ModuleIndex, route: Route): Route {
  const loc = ix.locate(route.handler);
  const defName = loc?.name.split('.')[0];
  if (loc && defName && loc.mod.facts.defs?.[defName] !== undefined) {
    route.handlerFile = loc.mod.path;
    route.handlerLine = loc.mod.facts.defs![defName];
  }
  return route;
}

/** What DRF's generic viewsets and mixins provide, by base class name. */
const DRF_ACTIONS: Record<string, string[]> = {
  ModelViewSet: ['list', 'create', 'retrieve', 'update', 'partial_update', 'destroy'],
  ReadOnlyModelViewSet: ['list', 'retrieve'],
  ListModelMixin: ['list'],
  CreateModelMixin: ['create'],
  RetrieveModelMixin: ['retrieve'],
  UpdateModelMixin: ['update', 'partial_update'],
  DestroyModelMixin: ['destroy'],
  GenericViewSet: [],
  ViewSet: [],
  ViewSetMixin: [],
};
const STANDARD = ['list', 'create', 'retrieve', 'update', 'partial_update', 'destroy'];
const ACTION_ROUTE: Record<string, [string, boolean]> = {
  list: ['GET', false], create: ['POST', false], retrieve: ['GET', true], update: ['PUT', true], partial_update: ['PATCH', true], destroy: ['DELETE', true],
};

interface ViewsetActions { standard: Set<string> | null; extra: { name: string; detail: boolean; methods: string[]; urlPath: string; line: number; file: string }[] }

/**
 * The actions a viewset serves: DRF's mixins and generic viewsets through the project's own base classes, methods it
 * defines, and `@action` extras. `standard` is null when a base class is outside the project and not one DRF ships.
 */
export function viewsetActions(ix: ModuleIndex, mod: Mod, expr: string): ViewsetActions {
  const out: ViewsetActions = { standard: new Set(), extra: [] };
  const seen = new Set<string>();
  const visit = (m: Mod, name: string, depth: number): void => {
    const loc = ix.locate(ix.qualify(m, name));
    const cls = loc && !loc.name.includes('.') ? loc.mod.facts.classes?.[loc.name] : undefined;
    const last = name.slice(name.lastIndexOf('.') + 1);
    if (!cls || !loc) {
      const known = Object.prototype.hasOwnProperty.call(DRF_ACTIONS, last) ? DRF_ACTIONS[last] : undefined;
      if (known) for (const a of known) out.standard?.add(a);
      else if (last !== 'object') out.standard = null;
      return;
    }
    const key = `${loc.mod.module}.${loc.name}`;
    if (seen.has(key) || depth > 8) return;
    seen.add(key);
    for (const meth of classMethods(loc.mod.functions, cls)) {
      if (STANDARD.includes(meth.name)) out.standard?.add(meth.name);
      const dec = meth.decorators.find((d) => /^(\w+\.)?action(\(|$)/.test(d));
      if (dec && !out.extra.some((e) => e.name === meth.name)) {
        const methods = /methods=\[([^\]]*)\]/.exec(dec)?.[1]?.match(/[A-Za-z]+/g)?.map((x) => x.toUpperCase()) ?? ['GET'];
        const urlPath = /url_path=["']([^"']*)["']/.exec(dec)?.[1] ?? meth.name;
        out.extra.push({ name: meth.name, detail: /detail=True/.test(dec), methods, urlPath, line: meth.line, file: loc.mod.path });
      }
    }
    for (const b of cls.bases ?? []) visit(loc.mod, b, depth + 1);
  };
  visit(mod, expr, 0);
  return out;
}

/** A DRF router's routes (`include(router.urls)`, `urlpatterns = router.urls`): each registration's standard actions and @action extras. */
function drfRoutes(ix: ModuleIndex, mod: Mod, router: string, prefix: string, out: Route[], gaps: string[]): boolean {
  let owner = mod;
  let name = router;
  let regs = (mod.facts.drf ?? []).filter((d) => d.router === router);
  if (!regs.length) {
    const loc = ix.locate(ix.qualify(mod, router));
    if (loc && loc.name) {
      owner = loc.mod;
      name = loc.name;
      regs = (loc.mod.facts.drf ?? []).filter((d) => d.router === loc.name);
    }
  }
  if (!regs.length) return false;
  // A router class of its own (or a third-party one) may add routes DRF's don't have (bulk methods, nested
  // resources) by changing its route table at run time: say so instead of listing less without a word.
  const made = owner.facts.routerClasses?.[name];
  if (made) {
    const def = ix.locate(ix.qualify(owner, made.cls));
    const where = def?.name && def.mod.facts.classes?.[def.name] ? ` (${def.mod.path}:${def.mod.facts.classes[def.name]!.line})` : ', not a class of this project';
    gaps.push(`${owner.path}:${made.line}: router \`${name}\` is a ${made.cls}${where}; routes it adds beyond DRF's standard viewset actions and @action methods (under ${withSlash(prefix)}) are not listed`);
  }
  for (const r of regs) {
    const base = prefix + r.prefix.replace(/^\^/, '').replace(/\$$/, '').replace(/\/?$/, '/');
    const handler = ix.qualify(owner, r.viewset);
    const acts = viewsetActions(ix, owner, r.viewset);
    const add = (method: string, path: string, h = handler) => out.push(withDefinition(ix, { method, path: withSlash(path), handler: h, file: owner.path, line: r.line, framework: 'django-rest-framework' }));
    // a viewset whose actions cannot be told (outside base, or none declared): the two routes, any method
    if (!acts.standard || (!acts.standard.size && !acts.extra.length)) {
      add('ANY', base);
      add('ANY', `${base}{pk}/`);
    } else {
      for (const a of STANDARD) {
        if (!acts.standard.has(a)) continue;
        const [method, detail] = ACTION_ROUTE[a]!;
        add(method, detail ? `${base}{pk}/` : base, `${handler}.${a}`);
      }
    }
    for (const e of acts.extra) for (const m of e.methods) add(m, `${base}${e.detail ? '{pk}/' : ''}${e.urlPath}/`, `${handler}.${e.name}`);
  }
  return true;
}

export function sortRoutes(routes: Route[]): Route[] {
  const seen = new Set<string>();
  return routes
    .filter((r) => {
      const k = `${r.method} ${r.path} ${r.file}:${r.line}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.method < b.method ? -1 : a.method > b.method ? 1 : a.line - b.line));
}

/** A handler as written: a name, or a factory call (`sign_up_endpoint(use_cases.sign_up())`) named by its callee. */
function qualifyHandler(ix: ModuleIndex, mod: Mod, written: string): string {
  const call = /^([\w.]+)\((.*)\)$/s.exec(written);
  if (!call) return /^[\w.]+$/.test(written) ? ix.qualify(mod, written) : written;
  return `${ix.qualify(mod, call[1]!)}(${call[2] ? '…' : ''})`;
}
