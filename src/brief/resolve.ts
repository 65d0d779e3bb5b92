import type { BriefFacts } from './extract.js';
import type { FunctionTable } from '../python/functions.js';
import type { FileRole } from '../core/role.js';

/** One project module with the facts extracted from it. */
export interface Mod {
  module: string;
  path: string;
  facts: BriefFacts;
  /** The file's function table (health's), where its classes' methods are read. */
  functions?: FunctionTable;
  /** The file's role (facts/roles): only production modules declare what the system serves. */
  role?: FileRole;
}

/** Project modules by dotted name, and the static name resolution the brief needs across them. */
export class ModuleIndex {
  readonly byName = new Map<string, Mod>();
  readonly mods: Mod[];

  constructor(mods: Mod[]) {
    this.mods = mods;
    for (const m of mods) if (!this.byName.has(m.module)) this.byName.set(m.module, m);
    // A namespace package (no __init__.py, as poetry's src/poetry) is imported by its folder's name: register
    // the dotted path under src/ too, so that `poetry.console.commands` finds `console.commands`.
    for (const m of mods) {
      const dotted = m.path.replace(/^src\//, '').replace(/\.pyi?$/, '').replace(/\/__init__$/, '').split('/').join('.');
      if (dotted !== m.module && dotted.endsWith(`.${m.module}`) && !this.byName.has(dotted)) this.byName.set(dotted, m);
    }
  }

  /** Absolute module of `from <level dots><name> import …` written in `m`; null when it climbs above the top. */
  absolute(m: Mod, level: number, name: string): string | null {
    if (level === 0) return name;
    let pkg = /(^|\/)__init__\.pyi?$/.test(m.path) ? m.module : m.module.split('.').slice(0, -1).join('.');
    for (let i = 1; i < level; i++) {
      if (!pkg) return null;
      pkg = pkg.split('.').slice(0, -1).join('.');
    }
    return [pkg, name].filter(Boolean).join('.') || null;
  }

  /** Is `name` bound in `m` itself (a def, class, or a web/celery/CLI object assigned there)? */
  private definesLocally(m: Mod, name: string): boolean {
    return (m.facts.defs !== undefined && name in m.facts.defs) || (m.facts.apps?.some((a) => a.variable === name) ?? false);
  }

  /** The fully qualified dotted name a dotted expression written in `m` refers to, following imports. */
  qualify(m: Mod, dotted: string): string {
    const [head = '', ...rest] = dotted.split('.');
    if (this.definesLocally(m, head)) return [m.module, dotted].filter(Boolean).join('.');
    // the last binding of a name wins, as at run time for module-level imports
    const imports = m.facts.imports ?? [];
    for (let i = imports.length - 1; i >= 0; i--) {
      const imp = imports[i]!;
      if (imp.name === null) {
        if (imp.alias === head) return [imp.module, ...rest].join('.');
        if (!imp.alias && imp.module.split('.')[0] === head) return dotted;
      } else if (imp.name !== '*' && (imp.alias ?? imp.name) === head) {
        const base = this.absolute(m, imp.level, imp.module);
        if (base === null) continue;
        return [base, imp.name, ...rest].filter(Boolean).join('.');
      }
    }
    // `from .views import *`: the name comes from the project module that binds it
    for (let i = imports.length - 1; i >= 0; i--) {
      const imp = imports[i]!;
      if (imp.name !== '*') continue;
      const base = this.absolute(m, imp.level, imp.module);
      const star = base === null ? undefined : this.byName.get(base);
      if (star && star !== m && (this.definesLocally(star, head) || star.facts.imports?.some((x) => x.name !== '*' && (x.alias ?? x.name) === head))) return [base, dotted].join('.');
    }
    return [m.module, dotted].filter(Boolean).join('.');
  }

  /**
   * Split a qualified name into a project module and the name inside it, following re-exports
   * (`from .views import index` in a package `__init__`). Null when no project module holds it.
   */
  locate(qualified: string, depth = 0): { mod: Mod; name: string } | null {
    const parts = qualified.split('.');
    for (let i = parts.length; i > 0; i--) {
      const mod = this.byName.get(parts.slice(0, i).join('.'));
      if (!mod) continue;
      const name = parts.slice(i).join('.');
      const head = name.split('.')[0] ?? '';
      if (!name || this.definesLocally(mod, head) || depth >= 5) return { mod, name };
      const q = this.qualify(mod, name);
      if (q === [mod.module, name].join('.')) return { mod, name };
      return this.locate(q, depth + 1) ?? { mod, name };
    }
    return null;
  }

  /** Resolve a dotted expression written in `m` to `module:name`, the key of an object across the project. */
  key(m: Mod, dotted: string): string {
    const q = this.qualify(m, dotted);
    const loc = this.locate(q);
    return loc ? `${loc.mod.module}:${loc.name}` : q;
  }
}
