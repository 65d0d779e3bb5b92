import type { ClassFact } from './extract.js';
import { classMethods } from './methods.js';
import type { ModuleIndex, Mod } from './resolve.js';
import type { GraphqlSchema, Route } from './types.js';

const LIBRARY = /^(graphene|graphene_django|graphene_federation|strawberry|strawberry_django|ariadne)(\.|$)/;
/** Class-body names that configure a type rather than declare a field. */
const NOT_FIELD = /^(_|Meta$|Arguments$|Input$|Output$|model_config$)/;
const STRAWBERRY_FIELD = /^(strawberry(_django)?\.)?(field|mutation|subscription)\b/;

interface Walk { fields: Set<string>; gaps: string[]; seen: Set<string> }

/** The fields a class declares itself: Graphene `x = graphene.Field(…)` / `X.Field()`, Strawberry annotated attributes and `@strawberry.field` methods. */
function ownFields(m: Mod, c: ClassFact): string[] {
  const out: string[] = [];
  for (const f of c.fields ?? []) if (!NOT_FIELD.test(f.name) && (f.fn || f.annotation) && !/^ClassVar\[/.test(f.annotation ?? '')) out.push(f.name);
  for (const meth of classMethods(m.functions, c)) if (meth.decorators.some((d) => STRAWBERRY_FIELD.test(d))) out.push(meth.name);
  return out;
}

/** Collect a root type's fields, following its bases inside the project (mixins, per-app Query classes merged by inheritance). */
function collect(ix: ModuleIndex, m: Mod, cls: string, w: Walk, depth = 0): void {
  const key = `${m.module}:${cls}`;
  if (w.seen.has(key)) return;
  w.seen.add(key);
  const c = m.facts.classes?.[cls];
  if (!c) return;
  for (const f of ownFields(m, c)) w.fields.add(f);
  if (depth > 12) return;
  for (const b of c.bases ?? []) {
    if (b.startsWith('*')) {
      w.gaps.push(`${m.path}:${c.line}: ${cls} also inherits from ${b.slice(1)}, computed at run time; those fields are not listed`);
      continue;
    }
    const q = ix.qualify(m, b);
    if (LIBRARY.test(q) || /^(object|Generic\[.*\])$/.test(b)) continue;
    const loc = ix.locate(q);
    if (loc && loc.mod.facts.classes?.[loc.name]) collect(ix, loc.mod, loc.name, w, depth + 1);
    else w.gaps.push(`${m.path}:${c.line}: base ${b} of ${cls} was not found in the project (${q}); its fields are not listed`);
  }
}

function rootFields(ix: ModuleIndex, m: Mod, written: string | null, gaps: string[]): string[] {
  if (!written) return [];
  const loc = ix.locate(ix.qualify(m, written));
  if (!loc || !loc.mod.facts.classes?.[loc.name]) {
    gaps.push(`${m.path}: root type ${written} was not found in the project; its fields are not listed`);
    return [];
  }
  const w: Walk = { fields: new Set(), gaps, seen: new Set() };
  collect(ix, loc.mod, loc.name, w);
  return [...w.fields].sort();
}

function frameworkOf(ix: ModuleIndex, m: Mod, callee: string): string {
  const q = ix.qualify(m, callee);
  if (/strawberry/.test(q)) return 'strawberry';
  if (/graphene/.test(q)) return 'graphene';
  return m.facts.imports?.some((i) => i.module.startsWith('strawberry')) ? 'strawberry' : 'graphene';
}

/**
 * GraphQL schemas and their root query/mutation/subscription fields: Graphene and Strawberry schemas built at module
 * level (fields merged from the project's base classes), Ariadne `QueryType`/`MutationType` resolvers.
 * Fields that come from outside the project or from computed bases are left out with a gap saying where.
 */
export function graphqlOf(ix: ModuleIndex, routes: Route[], gaps: string[]): GraphqlSchema[] {
  const out: GraphqlSchema[] = [];
  const endpoint = routes.find((r) => r.framework === 'graphql' || /graphql/i.test(r.path))?.path;
  const at = endpoint ? { endpoint } : {};
  for (const m of ix.mods) {
    for (const s of m.facts.graphqlSchemas ?? []) {
      // A schema helper's own `graphene.Schema(query=query, …)` takes parameters, not types: only classes are roots.
      if (!/^([\w.]*\.)?[A-Z]\w*$/.test(s.query ?? '')) continue;
      const local: string[] = [];
      out.push({
        framework: frameworkOf(ix, m, s.callee),
        schema: `${m.module}:${s.callee}`,
        path: m.path,
        line: s.line,
        queries: rootFields(ix, m, s.query, local),
        mutations: rootFields(ix, m, s.mutation, local),
        ...(s.subscription ? { subscriptions: rootFields(ix, m, s.subscription, local) } : {}),
        ...at,
      });
      gaps.push(...new Set(local));
    }
  }
  // Ariadne: resolvers may sit in other modules than the bindable they decorate (an imported `query`)
  const byMod = new Map<Mod, Record<string, Set<string>>>();
  for (const m of ix.mods) {
    for (const r of m.facts.graphqlResolvers ?? []) {
      // the bindable's module found through imports (a namespace package's module is reached by its full path)
      const local = (m.facts.graphqlBindables ?? []).some((b) => b.variable === r.owner);
      const loc = local ? { mod: m, name: r.owner } : ix.locate(ix.qualify(m, r.owner));
      const bindable = loc ? (loc.mod.facts.graphqlBindables ?? []).find((x) => x.variable === loc.name) : undefined;
      const b = bindable && loc ? { mod: loc.mod, root: bindable.root } : undefined;
      if (!b) continue;
      const f = byMod.get(b.mod) ?? {};
      (f[b.root] ??= new Set()).add(r.field);
      byMod.set(b.mod, f);
    }
  }
  for (const [m, f] of byMod) {
    const sorted = (k: string) => [...(f[k] ?? [])].sort();
    const line = Math.min(...(m.facts.graphqlBindables ?? []).map((b) => b.line));
    out.push({ framework: 'ariadne', schema: m.module, path: m.path, line, queries: sorted('query'), mutations: sorted('mutation'), ...(f.subscription ? { subscriptions: sorted('subscription') } : {}), ...at });
  }
  return out;
}
