import type { AppFact, DjangoPatternFact, MountFact } from './extract.js';
import type { ModuleIndex, Mod } from './resolve.js';
import type { Route } from './types.js';

interface Router { key: string; kind: AppFact['kind'] | 'unknown'; prefix: string | null; mod: Mod }
interface Edge { parent: string; child: string; prefix: string | null; kind: MountFact['kind'] }

/** Flask joins a blueprint prefix and a rule with exactly one slash. */
function flaskJoin(prefix: string, rule: string): string {
  if (!rule) return prefix;
  return `${prefix.replace(/\/+$/, '')}/${rule.replace(/^\/+/, '')}`;
}

const withSlash = (p: string): string => (p.startsWith('/') ? p : `/${p}`);

const frameworkOf = (kind: Router['kind'], mod: Mod): string => {
  if (kind === 'flask' || kind === 'blueprint') return 'flask';
  if (kind === 'fastapi' || kind === 'apirouter') return 'fastapi';
  const mods = new Set(mod.facts.imports.map((i) => i.module.split('.')[0]));
  return mods.has('fastapi') ? 'fastapi' : mods.has('flask') ? 'flask' : mods.has('starlette') ? 'starlette' : 'unknown';
};

/**
 * Flask and FastAPI routes with every prefix applied: a blueprint's `url_prefix` (overridden by the one given to
 * `register_blueprint`, as Flask does), `APIRouter(prefix=)` after `include_router(prefix=)` (FastAPI concatenates),
 * nested blueprints and routers across modules.
 */
export function webRoutes(ix: ModuleIndex, gaps: string[]): Route[] {
  const routers = new Map<string, Router>();
  for (const mod of ix.mods) {
    for (const a of mod.facts.apps) {
      if (a.kind === 'celery' || a.kind === 'typer' || a.kind === 'drf-router') continue;
      routers.set(`${mod.module}:${a.variable}`, { key: `${mod.module}:${a.variable}`, kind: a.kind, prefix: a.prefix, mod });
    }
  }
  const incoming = new Map<string, Edge[]>();
  for (const mod of ix.mods) {
    for (const m of mod.facts.mounts) {
      const e: Edge = { parent: ix.key(mod, m.parent), child: ix.key(mod, m.child), prefix: m.prefix, kind: m.kind };
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
    for (const f of mod.facts.routes) {
      const key = ix.key(mod, f.owner);
      const r = routers.get(key);
      if (!r) gaps.push(`${mod.path}:${f.line}: routes on \`${f.owner}\`, an object not created in this project: its prefix is unknown`);
      const fw = frameworkOf(r?.kind ?? 'unknown', r?.mod ?? mod);
      const handler = f.via === 'decorator' ? [mod.module, f.handler].filter(Boolean).join('.') : ix.qualify(mod, f.handler);
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

/**
 * Django routes from ROOT_URLCONF (or, without it, every URL module no other one includes), following
 * `include('app.urls')`, `include([...])`, `include(variable)` and DRF routers, prefixes joined.
 */
export function djangoRoutes(ix: ModuleIndex, rootUrlconf: string | null, gaps: string[]): Route[] {
  const urlMods = ix.mods.filter((m) => m.facts.urlLists.urlpatterns);
  if (!urlMods.length) return [];
  const included = new Set<string>();
  const routes: Route[] = [];

  const expand = (mod: Mod, patterns: DjangoPatternFact[], prefix: string, stack: string[]): void => {
    for (const p of patterns) {
      const full = prefix + segment(p);
      if (p.include) {
        const inc = p.include;
        if (inc.patterns) {
          expand(mod, inc.patterns, full, stack);
          continue;
        }
        let target: Mod | undefined;
        let list: DjangoPatternFact[] | undefined;
        if (inc.module !== undefined) {
          target = ix.byName.get(inc.module);
          list = target?.facts.urlLists.urlpatterns;
          if (!target) {
            routes.push({ method: 'ANY', path: withSlash(full), handler: `include('${inc.module}')`, file: mod.path, line: p.line, framework: 'django' });
            if (!inc.module.startsWith('django.')) gaps.push(`${mod.path}:${p.line}: include('${inc.module}') is not a module of this project; its routes are not listed`);
            continue;
          }
        } else if (inc.variable !== undefined) {
          const v = inc.variable;
          if (mod.facts.urlLists[v]) {
            target = mod;
            list = mod.facts.urlLists[v];
          } else if (v.endsWith('.urls') && drfRoutes(ix, mod, v.slice(0, -5), full, routes)) {
            continue;
          } else {
            const loc = ix.locate(ix.qualify(mod, v));
            if (loc && !loc.name) {
              target = loc.mod;
              list = loc.mod.facts.urlLists.urlpatterns;
            }
          }
        }
        if (!target || !list) {
          gaps.push(`${mod.path}:${p.line}: include(${inc.module ?? inc.variable}) could not be resolved statically`);
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
      routes.push(withDefinition(ix, { method: 'ANY', path: withSlash(full), handler, file: mod.path, line: p.line, framework: 'django' }));
    }
  };

  const root = rootUrlconf ? ix.byName.get(rootUrlconf) : undefined;
  if (rootUrlconf && !root) gaps.push(`ROOT_URLCONF "${rootUrlconf}" is not a module of this project`);
  if (root?.facts.urlLists.urlpatterns) {
    expand(root, root.facts.urlLists.urlpatterns, '', [`${root.module}:urlpatterns`]);
    for (const m of urlMods) {
      if (m !== root && !included.has(m.module)) gaps.push(`${m.path} defines urlpatterns but is not included from ROOT_URLCONF (${rootUrlconf}); its routes are not listed`);
    }
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
  for (const m of urlMods) for (const list of Object.values(m.facts.urlLists)) collect(list);
  for (const m of urlMods) {
    if (includedNames.has(m.module)) continue;
    expand(m, m.facts.urlLists.urlpatterns!, '', [`${m.module}:urlpatterns`]);
  }
  return routes;
}

/** Point a Django route at the view's definition when its module is in the project. */
function withDefinition(ix: ModuleIndex, route: Route): Route {
  const loc = ix.locate(route.handler);
  const defName = loc?.name.split('.')[0];
  if (loc && defName && loc.mod.facts.defs[defName] !== undefined) {
    route.handlerFile = loc.mod.path;
    route.handlerLine = loc.mod.facts.defs[defName];
  }
  return route;
}

/** `include(router.urls)` for a DRF router: a list and a detail route per registration. */
function drfRoutes(ix: ModuleIndex, mod: Mod, router: string, prefix: string, out: Route[]): boolean {
  const regs = mod.facts.drf.filter((d) => d.router === router);
  if (!regs.length) return false;
  for (const r of regs) {
    const base = prefix + r.prefix.replace(/^\^/, '').replace(/\/?$/, '/');
    const handler = ix.qualify(mod, r.viewset);
    for (const p of [base, `${base}{pk}/`]) out.push(withDefinition(ix, { method: 'ANY', path: withSlash(p), handler, file: mod.path, line: r.line, framework: 'django-rest-framework' }));
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
