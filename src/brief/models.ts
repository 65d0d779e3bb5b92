import type { ClassFieldFact } from './extract.js';
import type { ModuleIndex, Mod } from './resolve.js';
import type { Model } from './types.js';
import { outsideBases } from './entries.js';

const DJANGO_REL: Record<string, string> = { ForeignKey: 'FK', OneToOneField: 'O2O', ManyToManyField: 'M2M', ParentalKey: 'FK', ParentalManyToManyField: 'M2M', TreeForeignKey: 'FK' };

/**
 * In a Django project, a class from another app's `models` module is a model (taggit's `GenericTaggedItemBase`,
 * `mptt.models.MPTTModel`); its managers, querysets, fields and form metaclasses are not, nor a name the project's own
 * `models` module does not define (a builtin base such as `ValueError`, which qualifies to that module).
 */
const DJANGO_APP_MODEL = /^(?!django\.)[\w.]+\.models\.(?!\w*(Manager|QuerySet|Field|Choices|Form|Metaclass|Descriptor|Lookup|Serializer)$)[A-Z]\w*$/;
/** Django's own concrete models a project extends or proxies (a custom User, netbox's ObjectType(ContentType)). */
const DJANGO_CONTRIB_MODEL = /^django\.contrib\.(auth\.(models|base_user)\.(Abstract\w*User|PermissionsMixin|User|Group|Permission)|contenttypes\.models\.ContentType)$/;

const last = (dotted: string): string => dotted.slice(dotted.lastIndexOf('.') + 1);
const unquote = (s: string): string => s.replace(/^["']|["']$/g, '');

/** Which kind of model a class is, by what it descends from outside the project. */
function kindOf(ix: ModuleIndex, m: Mod, cls: string, django: boolean): Model['kind'] | null {
  const c = m.facts.classes![cls]!;
  // Walked once for the four questions below: the walk (qualify, locate) is what costs on a large tree.
  const bases = outsideBases(ix, m, cls);
  if (bases.some((q) => /^django\.db\.models(\.base)?\.Model$/.test(q) || DJANGO_CONTRIB_MODEL.test(q) || (django && DJANGO_APP_MODEL.test(q) && !ix.byName.has(q.slice(0, q.lastIndexOf('.')))))) return 'django';
  if (bases.some((q) => q === 'sqlmodel.SQLModel')) return c.keywords?.table === 'True' || c.fields?.some((f) => f.name === '__tablename__') ? 'sqlmodel' : 'pydantic';
  if (c.fields?.some((f) => f.name === '__tablename__') || bases.some((q) => /^sqlalchemy\.orm\.(DeclarativeBase|DeclarativeBaseNoMeta)$/.test(q))) return 'sqlalchemy';
  if (bases.some((q) => /^(pydantic\.BaseModel|pydantic\.main\.BaseModel|pydantic_settings\.BaseSettings|pydantic\.BaseSettings)$/.test(q))) return 'pydantic';
  return null;
}

/** The model a relation points at, as written: 'app.Model' / 'self' / an imported class → its class name. */
function target(ix: ModuleIndex, m: Mod, written: string, self: string): string {
  const t = unquote(written.trim());
  if (t === 'self') return self;
  if (/^[\w.]+$/.test(t)) return last(ix.qualify(m, t));
  return t;
}

/** `Mapped[list["Item"]]`, `list["Item"] | None`, `Optional[User]` → the class named inside. */
const annotated = (ann: string | null): string | null => {
  if (!ann) return null;
  const inner = ann.replace(/^Mapped\[(.*)\]$/, '$1').replace(/^(Optional|List|list|Set|set)\[(.*)\]$/, '$2').replace(/^(list|List|set)\[(.*)\]$/, '$2');
  const m = /["']?([A-Z]\w*)["']?/.exec(inner);
  return m ? m[1]! : null;
};

function readField(ix: ModuleIndex, m: Mod, kind: Model['kind'], f: ClassFieldFact, self: string): { field?: { name: string; type: string }; relation?: { field: string; kind: string; target: string } } {
  if (f.name.startsWith('_') || f.name === 'Meta' || f.name === 'model_config' || f.name === 'objects') return {};
  const fn = f.fn ? last(f.fn) : null;
  if (kind === 'django') {
    if (!fn || !/(Field|Key|GenericRelation)$/.test(fn)) return {};
    const rel = DJANGO_REL[fn];
    if (rel) {
      const to = f.kw?.to ?? f.args?.[0];
      return { field: { name: f.name, type: fn }, relation: { field: f.name, kind: rel, target: to ? target(ix, m, to, self) : '?' } };
    }
    return { field: { name: f.name, type: fn } };
  }
  if (kind === 'sqlalchemy' || kind === 'sqlmodel') {
    if (fn === 'relationship' || fn === 'Relationship') {
      const t = f.args?.[0] ? target(ix, m, f.args[0], self) : annotated(f.annotation) ?? '?';
      return { relation: { field: f.name, kind: /^(list|List|set)\[|Mapped\[(list|List|set)\[/.test(f.annotation ?? '') ? 'one-to-many' : 'relationship', target: t } };
    }
    const fk = [...(f.args ?? []), f.kw?.foreign_key ?? ''].map((a) => /ForeignKey\(\s*["']([\w.]+)["']/.exec(a)?.[1] ?? (a === f.kw?.foreign_key ? a : '')).find(Boolean);
    const type = fn === 'Column' || fn === 'mapped_column' ? (f.args?.find((a) => /^[A-Z]\w*(\(|$)/.test(a))?.replace(/\(.*$/, '') ?? f.annotation?.replace(/^Mapped\[(.*)\]$/, '$1') ?? '?') : f.annotation;
    if (!type && !fn) return {};
    if (!type && fn !== 'Field') return {};
    return { field: { name: f.name, type: type ?? '?' }, ...(fk ? { relation: { field: f.name, kind: 'FK', target: fk.split('.')[0]! } } : {}) };
  }
  // pydantic: annotated attributes
  if (!f.annotation || /^ClassVar\[/.test(f.annotation)) return {};
  return { field: { name: f.name, type: f.annotation } };
}

/**
 * The data model: Django models (not abstract), SQLAlchemy and SQLModel tables, and Pydantic schemas and settings,
 * each with its fields and relations (FK / O2O / M2M / relationship with the target's class or table name).
 */
export function modelsOf(ix: ModuleIndex): Model[] {
  const out: Model[] = [];
  const django = ix.mods.some((m) => m.facts.imports?.some((i) => /^django(\.|$)/.test(i.module)));
  for (const m of ix.mods) {
    for (const [name, c] of Object.entries(m.facts.classes ?? {})) {
      if (!c.bases) continue;
      const kind = kindOf(ix, m, name, django);
      if (!kind || (kind === 'django' && c.abstract)) continue;
      const model: Model = { name, module: m.module, path: m.path, line: c.line, kind, fields: [], relations: [] };
      for (const f of c.fields ?? []) {
        const r = readField(ix, m, kind, f, name);
        if (r.field) model.fields.push(r.field);
        if (r.relation) model.relations.push(r.relation);
      }
      out.push(model);
    }
  }
  // SQLAlchemy Core tables, named by their table name (what ForeignKey("user.id") points at)
  for (const m of ix.mods) {
    const tables = m.facts.tables ?? [];
    for (const t of tables) {
      const model: Model = { name: t.name, module: m.module, path: m.path, line: t.line, kind: 'sqlalchemy', fields: [], relations: [] };
      for (const c of t.columns) {
        model.fields.push({ name: c.name, type: c.type });
        if (c.fk) model.relations.push({ field: c.name, kind: 'FK', target: tables.find((x) => x.variable === c.fk)?.name ?? c.fk });
      }
      out.push(model);
    }
  }
  return out.sort((a, b) => (a.module < b.module ? -1 : a.module > b.module ? 1 : a.name < b.name ? -1 : 1));
}

/** The most connected tables (relations in + out), for the ER diagram: Pydantic schemas are not tables. */
export function mostConnected(models: Model[], n = 25): Model[] {
  const tables = models.filter((m) => m.kind !== 'pydantic');
  const degree = new Map<string, number>();
  for (const m of tables) {
    degree.set(m.name, (degree.get(m.name) ?? 0) + m.relations.length);
    for (const r of m.relations) degree.set(r.target, (degree.get(r.target) ?? 0) + 1);
  }
  return [...tables].filter((m) => (degree.get(m.name) ?? 0) > 0).sort((a, b) => (degree.get(b.name) ?? 0) - (degree.get(a.name) ?? 0) || (a.name < b.name ? -1 : 1)).slice(0, n);
}

/** A Mermaid erDiagram of the most connected tables: relations between the shown models only, key fields listed. */
export function erDiagram(models: Model[]): string {
  const shown = mostConnected(models);
  if (!shown.length) return '';
  const names = new Set(shown.map((m) => m.name));
  const id = (s: string) => s.replace(/[^A-Za-z0-9_]/g, '_');
  const lines = ['erDiagram'];
  const card: Record<string, string> = { FK: '}o--||', O2O: '|o--||', M2M: '}o--o{', 'one-to-many': '||--o{', relationship: '}o--o|' };
  for (const m of shown) {
    for (const r of m.relations) if (names.has(r.target)) lines.push(`  ${id(m.name)} ${card[r.kind] ?? '}o--o|'} ${id(r.target)} : ${id(r.field)}`);
  }
  for (const m of shown) {
    const fields = m.fields.filter((f) => m.relations.some((r) => r.field === f.name)).slice(0, 6);
    if (fields.length) lines.push(`  ${id(m.name)} {`, ...fields.map((f) => `    ${id(f.type)} ${id(f.name)}`), '  }');
  }
  return lines.join('\n');
}
