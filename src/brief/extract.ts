// The one JavaScript tree of a file (src/python/tree.ts), which the health extractor walks too.
import type { PyNode as SyntaxNode } from '../python/tree.js';
import { maskUrlUserinfo } from '../core/url.js';
import { isSecretName, maskValue, redactText } from './redact.js';

/**
 * A setting's or field's literal as the brief keeps it: a credential's value cut to its first characters, a
 * DSN's password masked. Facts are cached on disk per file, so a whole secret must never reach them.
 */
function shownValue(name: string, value: string): string {
  return isSecretName(name) ? maskValue(value) : maskUrlUserinfo(value);
}
import { own } from '../core/lookup.js';
import { stringValue } from '../python/literals.js';
import { functionRow, type FunctionTable } from '../python/functions.js';

/** `import a.b as c` → {module:'a.b', name:null, alias:'c', level:0}; `from ..x import y` → {module:'x', name:'y', level:2}. */
export interface ImportFact {
  module: string;
  name: string | null;
  alias: string | null;
  level: number;
  line: number;
  /** Inside a function or under `if TYPE_CHECKING:`: not run at import time, so never part of an import cycle. */
  deferred?: boolean;
}
/** A web application or router object: `app = Flask(__name__)`, `bp = Blueprint('x', __name__, url_prefix='/x')`, `r = APIRouter(prefix='/r')`. */
export interface AppFact { variable: string; kind: 'flask' | 'blueprint' | 'fastapi' | 'apirouter' | 'celery' | 'typer' | 'drf-router' | 'aiohttp' | 'starlette'; prefix: string | null; line: number }
/** A route declared on a local object (`owner` is the variable as written, e.g. `bp` or `users.router`). */
export interface RouteFact { owner: string; methods: string[]; path: string; handler: string; line: number; via: 'decorator' | 'add_url_rule' | 'add_api_route' }
/** `parent.register_blueprint(child, url_prefix=…)`, `parent.include_router(child, prefix=…)`, `parent.mount('/p', child)`. */
export interface MountFact {
  parent: string;
  child: string;
  prefix: string | null;
  line: number;
  kind: 'register_blueprint' | 'include_router' | 'mount';
  /** The prefix is a setting (`prefix=settings.API_V1_STR`): its name, resolved from the project's settings later. */
  setting?: string;
}
/** One entry of a Django URL list. `include` is set for `include(...)`: a module, a nested list, or a variable to resolve. */
export interface DjangoPatternFact {
  kind: 'path' | 're_path' | 'url';
  route: string;
  /** The route is a setting (`path(settings.BASE_PATH, …)`): its name, resolved from the settings modules later. */
  setting?: string;
  view: string | null;
  /** `computed`: the callee of an include() built at run time (`get_model_urls`), listed as a gap under its prefix. */
  include: { module?: string; patterns?: DjangoPatternFact[]; variable?: string; computed?: string } | null;
  line: number;
}
/** `router.register(r'users', UserViewSet)` on a Django REST framework router. */
export interface DrfRegisterFact { router: string; prefix: string; viewset: string; line: number }
export interface TaskFact { kind: 'celery' | 'rq' | 'dramatiq' | 'huey'; function: string; name: string | null; line: number }
/** `ref`: `task` is a function as written in the code (to resolve), not a registered task name. */
export interface ScheduleFact { kind: 'celery-beat' | 'apscheduler' | 'huey'; name: string; task: string; ref: boolean; schedule: string; line: number }
/** A Core table's column: its type as written (`BigInteger`) and the table a `ForeignKey("user.id")` / `ForeignKey(USER.c.id)` points at. */
export interface TableFact { variable: string; name: string; line: number; columns: { name: string; type: string; fk: string | null }[] }
export interface CliFact {
  framework: 'click' | 'typer' | 'argparse';
  name: string;
  group: string | null;
  isGroup: boolean;
  handler: string;
  line: number;
  /**
   * `@generate_app.command()` in a module importing neither typer nor click (the app comes from the project):
   * kept only when the owner resolves to a Typer app or a click group; `name` is the typer-style default unless given.
   */
  inferred?: { explicit: boolean };
}
/** `parent.add_typer(child, name="x")`: the child Typer's commands run as `x <cmd>`; without a name they join the parent's. */
export interface TyperMountFact { parent: string; child: string; name: string | null; line: number }
export interface UrlFact { scheme: string; host: string; url: string; line: number }
export interface CloudCallFact { sdk: 'boto3'; service: string; line: number }
export interface EnvReadFact { name: string; default: string | null; line: number }
export interface DatabaseFact { alias: string; engine: string | null; name: string | null; host: string | null; line: number }
/** One statement of a class body: `name = models.ForeignKey(User, …)`, `name: Mapped[int] = mapped_column(…)`, `name: str`. */
export interface ClassFieldFact {
  name: string;
  line: number;
  annotation: string | null;
  /** Callee of the value (`models.ForeignKey`), when the value is a call. */
  fn: string | null;
  /** The first two positional arguments as written; absent when none. */
  args?: string[];
  /** Keyword arguments that name a relation or a type (to, related_name, back_populates, foreign_key, secondary); absent when none. */
  kw?: Record<string, string>;
  /** The value when it is a string literal (`name = "add"` on a cleo command). */
  value: string | null;
}
/**
 * A top-level class: its bases as written, body assignments, methods and whether its `Meta` says `abstract = True`.
 * Empty lists are left out (see BriefFacts).
 */
export interface ClassFact {
  line: number;
  bases?: string[];
  /** Class keywords: `class User(SQLModel, table=True)` → {table: 'True'}. */
  keywords?: Record<string, string>;
  decorators?: string[];
  fields?: ClassFieldFact[];
  /**
   * The methods defined in the class body, in order, as rows of the file's function table (health's
   * `functions`), which holds their names and lines: read them with classMethods (brief/methods.ts).
   */
  methods?: number[];
  /** Decorators of the decorated methods, by row, as written without `@`. */
  methodDecorators?: Record<number, string[]>;
  abstract?: true;
}
/** A module-level UPPER_CASE setting: its literal value, or the default of the lookup that computes it. */
export interface SettingValueFact { value: string; line: number; computed: boolean }

/** A module-level schema built from root types: `graphene.Schema(query=Query, mutation=Mutation)`, `strawberry.Schema(Query)`, a wrapper such as `build_federated_schema(Query, …)`. */
export interface GraphqlSchemaFact { callee: string; query: string | null; mutation: string | null; subscription: string | null; line: number }
/** Ariadne: `query = QueryType()` (or `ObjectType("Query")`) and `@query.field("name")` / `query.set_field("name", fn)`. */
export interface GraphqlBindableFact { variable: string; root: 'query' | 'mutation' | 'subscription'; line: number }
export interface GraphqlResolverFact { owner: string; field: string; line: number }

/** Something the extractor saw but cannot resolve statically (dynamic route registration, computed settings…). */
export interface DynamicFact { line: number; what: string }

/**
 * Per-file facts the brief needs, extracted from the same tree-sitter parse as health's. Plain JSON: it
 * crosses worker threads and is cached on disk. An empty list or record is left out: a warm scan decodes
 * every file's facts, and empty ones were most of the objects (most files declare no route, task or app).
 */
export interface BriefFacts {
  loc: number;
  imports?: ImportFact[];
  /** Top-level functions and classes → line of their `def`/`class`, to resolve handlers named elsewhere. */
  defs?: Record<string, number>;
  /** What a top-level function calls as a statement of its own body (`def main(): app()` → `app`): how a console script reaches its CLI object. */
  defCalls?: Record<string, string[]>;
  /** Top-level classes by name (models, viewsets, commands, GraphQL types). */
  classes?: Record<string, ClassFact>;
  /** Module-level UPPER_CASE string settings (Django settings, API_V1_STR…), for prefixes given as settings. */
  settingValues?: Record<string, SettingValueFact>;
  apps?: AppFact[];
  routes?: RouteFact[];
  mounts?: MountFact[];
  /** Module-level lists of Django URL patterns by variable name (`urlpatterns` and any list `include()` may name). */
  urlLists?: Record<string, DjangoPatternFact[]>;
  drf?: DrfRegisterFact[];
  /** Module-level objects made by a class named `*Router` that pyvet does not model (`router = NetBoxRouter()`): variable → class as written. */
  routerClasses?: Record<string, { cls: string; line: number }>;
  tasks?: TaskFact[];
  schedules?: ScheduleFact[];
  cli?: CliFact[];
  typerMounts?: TyperMountFact[];
  noxSessions?: { name: string; line: number }[];
  /** Line of `if __name__ == "__main__":`, or null. */
  mainGuard: number | null;
  urls?: UrlFact[];
  cloud?: CloudCallFact[];
  env?: EnvReadFact[];
  databases?: DatabaseFact[];
  /** Absent when the file has none of these. */
  settings?: {
    rootUrlconf: { value: string; line: number } | null;
    /** `os.environ.setdefault('DJANGO_SETTINGS_MODULE', '…')`. */
    settingsModule: { value: string; line: number } | null;
    /** `from .base import *` and the like: settings layering. */
    starImports?: { module: string; level: number; line: number }[];
    /** Upper-case names assigned at module level (Django-style settings). */
    upperNames?: string[];
  };
  dynamic?: DynamicFact[];
  /** GraphQL schemas and Ariadne bindings. */
  graphqlSchemas?: GraphqlSchemaFact[];
  graphqlBindables?: GraphqlBindableFact[];
  graphqlResolvers?: GraphqlResolverFact[];
  /** SQLAlchemy Core tables: `USER = sa.Table("user", metadata, sa.Column("id", sa.Integer), …)`. */
  tables?: TableFact[];
}

const HTTP_METHODS = new Set(['get', 'post', 'put', 'delete', 'patch', 'head', 'options', 'trace']);
const BEAT_NAMES = new Set(['beat_schedule', 'CELERY_BEAT_SCHEDULE', 'CELERYBEAT_SCHEDULE']);
const APP_CTORS: Record<string, AppFact['kind']> = {
  Flask: 'flask',
  Blueprint: 'blueprint',
  FastAPI: 'fastapi',
  APIRouter: 'apirouter',
  Celery: 'celery',
  Typer: 'typer',
  DefaultRouter: 'drf-router',
  RouteTableDef: 'aiohttp',
  Application: 'aiohttp',
  Starlette: 'starlette',
  SimpleRouter: 'drf-router',
};

const CALLS_OF_INTEREST = new Set([
  'register_blueprint', 'include_router', 'mount', 'add_typer', 'add_url_rule', 'add_api_route', 'register', 'add_job', 'add_periodic_task', 'set_field',
  'enqueue', 'enqueue_call', 'enqueue_in', 'enqueue_at', 'add_parser', 'append', 'extend',
  'add_get', 'add_post', 'add_put', 'add_patch', 'add_delete', 'add_head', 'add_route', 'add_view', 'add_routes', 'add_subapp', 'Route', 'WebSocketRoute', 'client', 'resource', 'setdefault', 'get', 'getenv', 'update',
]);
const CALL_HINT = new RegExp(`\\b(${[...CALLS_OF_INTEREST].join('|')})\\s*\\(`);

const line = (n: SyntaxNode): number => n.startPosition.row + 1;

/** Source of a node on one line, shortened: for gap messages. */
const snippet = (n: SyntaxNode, max: number): string => {
  // quoted source can hold a credential (a URL with a password, a token argument): masked before it is cut short
  const t = redactText(n.text.replace(/\s+/g, ' ').replace(/([([{]) /g, '$1').replace(/ ([)\]}])/g, '$1'));
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};


/** The static text of a string up to its first interpolation (for `f"https://host/{x}"`). */
function stringPrefix(n: SyntaxNode): string {
  let out = '';
  for (const c of n.namedChildren) {
    if (c.type === 'string_content' || c.type === 'escape_sequence') out += c.text;
    else if (c.type === 'interpolation') break;
  }
  return out;
}

/** A Python literal as JSON-ish data: strings, numbers, booleans, None, lists/tuples; undefined when not literal. */
function literal(n: SyntaxNode | null | undefined): unknown {
  if (!n) return undefined;
  switch (n.type) {
    case 'string':
    case 'concatenated_string': {
      const s = stringValue(n);
      return s === null ? undefined : s;
    }
    case 'integer':
    case 'float': {
      const v = Number(n.text.replace(/_/g, ''));
      return Number.isFinite(v) ? v : undefined;
    }
    case 'true':
      return true;
    case 'false':
      return false;
    case 'none':
      return null;
    case 'list':
    case 'tuple':
    case 'set': {
      const out: unknown[] = [];
      for (const c of n.namedChildren) {
        if (c.type === 'comment') continue;
        const v = literal(c);
        if (v === undefined) return undefined;
        out.push(v);
      }
      return out;
    }
    case 'parenthesized_expression':
      return literal(n.namedChildren[0]);
    case 'unary_operator': {
      const v = literal(n.childForFieldName('argument'));
      return typeof v === 'number' && n.text.startsWith('-') ? -v : undefined;
    }
    case 'binary_operator': {
      // 60 * 60, a common way to write schedules in seconds
      const l = literal(n.childForFieldName('left'));
      const r = literal(n.childForFieldName('right'));
      const op = n.childForFieldName('operator')?.text;
      if (typeof l === 'number' && typeof r === 'number') {
        if (op === '*') return l * r;
        if (op === '+') return l + r;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

interface CallParts { fn: string; positional: SyntaxNode[]; kw: Map<string, SyntaxNode> }

function callParts(call: SyntaxNode): CallParts | null {
  if (call.type !== 'call') return null;
  const f = call.childForFieldName('function');
  const args = call.childForFieldName('arguments');
  if (!f) return null;
  const positional: SyntaxNode[] = [];
  const kw = new Map<string, SyntaxNode>();
  for (const a of args?.namedChildren ?? []) {
    if (a.type === 'keyword_argument') {
      const k = a.childForFieldName('name')?.text;
      const v = a.childForFieldName('value');
      if (k && v) kw.set(k, v);
    } else if (a.type !== 'comment' && a.type !== 'list_splat' && a.type !== 'dictionary_splat') positional.push(a);
  }
  return { fn: f.text.replace(/\s+/g, ''), positional, kw };
}

const lastPart = (dotted: string): string => dotted.slice(dotted.lastIndexOf('.') + 1);
const ownerPart = (dotted: string): string => (dotted.includes('.') ? dotted.slice(0, dotted.lastIndexOf('.')) : '');

function strList(n: SyntaxNode | undefined): string[] | null {
  const v = literal(n);
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  return null;
}

/** Seconds → "every 30s" / "every 5m" / "every 2h" / "every 1d". */
export function every(seconds: number): string {
  if (seconds > 0 && seconds % 86400 === 0) return `every ${seconds / 86400}d`;
  if (seconds > 0 && seconds % 3600 === 0) return `every ${seconds / 3600}h`;
  if (seconds > 0 && seconds % 60 === 0) return `every ${seconds / 60}m`;
  return `every ${seconds}s`;
}

const TD_UNITS: Record<string, number> = { weeks: 604800, days: 86400, hours: 3600, minutes: 60, seconds: 1, milliseconds: 0.001 };

function timedeltaSeconds(p: CallParts): number | null {
  let total = 0;
  const order = ['days', 'seconds', 'microseconds', 'milliseconds', 'minutes', 'hours', 'weeks'];
  for (const [i, a] of p.positional.entries()) {
    const v = literal(a);
    const unit = order[i];
    if (typeof v !== 'number' || !unit) return null;
    total += v * (own(TD_UNITS, unit) ?? 0);
  }
  for (const [k, a] of p.kw) {
    const v = literal(a);
    if (typeof v !== 'number' || own(TD_UNITS, k) === undefined) return null;
    total += v * (own(TD_UNITS, k) ?? 0);
  }
  return total;
}

/** A Celery/Huey schedule as text: `crontab(minute=0, hour=3)` → "cron 0 3 * * *", `30.0` → "every 30s". */
export function scheduleText(n: SyntaxNode): string {
  const v = literal(n);
  if (typeof v === 'number') return every(v);
  const p = callParts(n);
  if (p) {
    const fn = lastPart(p.fn);
    if (fn === 'crontab') {
      const fields = ['minute', 'hour', 'day_of_week', 'day_of_month', 'month_of_year'];
      const val: Record<string, string> = {};
      for (const [i, f] of fields.entries()) {
        const a = p.kw.get(f) ?? p.positional[i];
        const x = a ? literal(a) : '*';
        val[f] = x === undefined ? `{${a?.text ?? '?'}}` : String(x);
      }
      // cron order: minute hour day-of-month month day-of-week
      return `cron ${val.minute} ${val.hour} ${val.day_of_month} ${val.month_of_year} ${val.day_of_week}`;
    }
    if (fn === 'timedelta') {
      const s = timedeltaSeconds(p);
      if (s !== null) return every(s);
    }
    if (fn === 'schedule' && p.kw.has('run_every')) return scheduleText(p.kw.get('run_every')!);
  }
  return redactText(n.text.replace(/\s+/g, ' '));
}

/** APScheduler trigger + fields → text: ('cron', hour=3) → "cron hour=3"; ('interval', minutes=5) → "every 5m". */
function apschedulerText(trigger: string, kw: Map<string, SyntaxNode>): string {
  const skip = new Set(['id', 'name', 'args', 'kwargs', 'replace_existing', 'misfire_grace_time', 'coalesce', 'max_instances', 'jobstore', 'executor', 'trigger', 'next_run_time', 'timezone', 'jitter']);
  if (trigger === 'interval') {
    let total = 0;
    for (const [k, a] of kw) {
      if (skip.has(k) || own(TD_UNITS, k) === undefined) continue;
      const v = literal(a);
      if (typeof v === 'number') total += v * (own(TD_UNITS, k) ?? 0);
    }
    return every(total);
  }
  const parts: string[] = [];
  for (const [k, a] of kw) {
    if (skip.has(k)) continue;
    const v = literal(a);
    parts.push(redactText(`${k}=${v === undefined ? a.text : String(v)}`));
  }
  return [trigger, ...parts].join(' ');
}

/** Names a decorated function is known by; `handler` is the function name. */
function definitionOf(dec: SyntaxNode): { name: string; line: number } | null {
  const def = dec.childForFieldName('definition');
  const name = def?.childForFieldName('name')?.text;
  return def && name ? { name, line: line(def) } : null;
}

/** Click ≥ 8.2 naming: lower-case, `_` → `-`, and a `_command`/`_cmd`/`_group`/`_grp` suffix dropped. */
export function clickName(fn: string): string {
  return fn.replace(/_(command|cmd|group|grp)$/, '').toLowerCase().replace(/_/g, '-');
}

const decoratorsOf = (decorated: SyntaxNode): string[] =>
  decorated.namedChildren.filter((c) => c.type === 'decorator').map((d) => d.text.replace(/^@/, '').replace(/\s+/g, ''));

const RELATION_KW = new Set(['to', 'related_name', 'back_populates', 'backref', 'foreign_key', 'secondary', 'through', 'model', 'sa_column', 'default']);

/**
 * Bases, body assignments and methods of a class: enough to tell models, viewsets, commands and GraphQL types apart.
 * Its methods are found in `functions` (every `def` is a row there, by line and column).
 */
function classFact(def: SyntaxNode, decorators: string[], functions: FunctionTable | undefined): ClassFact {
  const bases: string[] = [];
  const keywords: Record<string, string> = {};
  let hasKeywords = false;
  for (const b of def.childForFieldName('superclasses')?.namedChildren ?? []) {
    if (b.type === 'keyword_argument') {
      keywords[b.childForFieldName('name')?.text ?? ''] = b.childForFieldName('value')?.text ?? '';
      hasKeywords = true;
    } else if (b.type !== 'comment') bases.push(b.text.replace(/\s+/g, ''));
  }
  const fields: ClassFieldFact[] = [];
  const methods: number[] = [];
  let methodDecorators: Record<number, string[]> | undefined;
  let abstract = false;
  for (const st of def.childForFieldName('body')?.namedChildren ?? []) {
    const inner = st.type === 'decorated_definition' ? st.childForFieldName('definition') : st;
    if (inner?.type === 'function_definition') {
      const row = functionRow(functions, line(inner), inner.startPosition.column);
      if (row < 0) throw new Error(`method at line ${line(inner)} missing from the function table`);
      methods.push(row);
      if (st !== inner) (methodDecorators ??= {})[row] = decoratorsOf(st);
      continue;
    }
    if (inner?.type === 'class_definition' && inner.childForFieldName('name')?.text === 'Meta') {
      abstract = /\babstract\s*=\s*True\b/.test(inner.childForFieldName('body')?.text ?? '');
      continue;
    }
    if (st.type !== 'expression_statement') continue;
    const a = st.namedChildren[0];
    if (a?.type !== 'assignment') continue;
    const left = a.childForFieldName('left');
    if (left?.type !== 'identifier') continue;
    let right = a.childForFieldName('right');
    // black wraps a long value in parentheses: `x = (\n    Mutation.Field()\n)`
    while (right?.type === 'parenthesized_expression' && right.namedChildren.length === 1) right = right.namedChildren[0]!;
    const ann = a.childForFieldName('type');
    const p = right ? callParts(right) : null;
    const kw: Record<string, string> = {};
    let hasKw = false;
    for (const [k, v] of p?.kw ?? []) {
      if (!RELATION_KW.has(k)) continue;
      kw[k] = stringValue(v) ?? v.text.replace(/\s+/g, ' ').slice(0, 120);
      hasKw = true;
    }
    const args = p ? p.positional.slice(0, 2).map((x) => stringValue(x) ?? x.text.replace(/\s+/g, ' ').slice(0, 120)) : [];
    fields.push({
      name: left.text,
      line: line(st),
      annotation: ann ? ann.text.replace(/\s+/g, ' ').slice(0, 120) : null,
      fn: p ? p.fn : null,
      ...(args.length ? { args } : {}),
      ...(hasKw ? { kw } : {}),
      value: right && stringValue(right) !== null ? shownValue(left.text, stringValue(right)!) : null,
    });
  }
  const out: ClassFact = { line: line(def) };
  if (bases.length) out.bases = bases;
  if (hasKeywords) out.keywords = keywords;
  if (decorators.length) out.decorators = decorators;
  if (fields.length) out.fields = fields;
  if (methods.length) out.methods = methods;
  if (methodDecorators) out.methodDecorators = methodDecorators;
  if (abstract) out.abstract = true;
  return out;
}

/**
 * A setting's value: a string literal, or the literal default of the lookup computing it
 * (`getattr(cfg, 'BASE_PATH', '')`, `os.environ.get('X', 'd')`, `env('X', default='d')`), marked computed.
 */
function settingValue(n: SyntaxNode | null): { value: string; computed: boolean } | null {
  if (!n) return null;
  const s = stringValue(n);
  if (s !== null) return { value: s, computed: false };
  const p = callParts(n);
  if (!p) return null;
  const fn = lastPart(p.fn);
  const d = fn === 'getattr' ? p.positional[2] : /^(get|getenv|env|str|config)$/.test(fn) ? (p.positional[1] ?? p.kw.get('default')) : undefined;
  const dv = d ? stringValue(d) : null;
  if (dv !== null) return { value: dv, computed: true };
  // a wrapper around one lookup: trailing_slash(getattr(cfg, 'BASE_PATH', ''))
  if (p.positional.length === 1 && p.positional[0]!.type === 'call') {
    const inner = settingValue(p.positional[0]!);
    if (inner) return { value: inner.value, computed: true };
  }
  return null;
}

/** The lists and records of BriefFacts that are left out when empty. */
const SPARSE = [
  'imports', 'defs', 'classes', 'settingValues', 'apps', 'routes', 'mounts', 'urlLists', 'drf', 'tasks', 'schedules', 'cli', 'typerMounts',
  'noxSessions', 'urls', 'cloud', 'env', 'databases', 'dynamic', 'graphqlSchemas', 'graphqlBindables', 'graphqlResolvers',
] as const;
type SparseKey = (typeof SPARSE)[number];

/** BriefFacts while a file is read: every list present, pushed to as the tree is walked. */
type BriefDraft = Omit<BriefFacts, SparseKey | 'settings'> & { [K in SparseKey]-?: NonNullable<BriefFacts[K]> } & {
  settings: Required<NonNullable<BriefFacts['settings']>>;
};

function isEmpty(v: object): boolean {
  if (Array.isArray(v)) return v.length === 0;
  for (const k in v) if (Object.prototype.hasOwnProperty.call(v, k)) return false;
  return true;
}

/** The stored shape of a draft: empty lists and records left out. */
function briefFacts(d: BriefDraft): BriefFacts {
  const { loc, mainGuard, defCalls, routerClasses, tables, settings } = d;
  const out: BriefFacts = { loc, mainGuard };
  if (defCalls) out.defCalls = defCalls;
  if (routerClasses) out.routerClasses = routerClasses;
  if (tables) out.tables = tables;
  const keep = <K extends SparseKey>(k: K): void => {
    const v = d[k];
    if (!isEmpty(v)) out[k] = v;
  };
  for (const k of SPARSE) keep(k);
  const { rootUrlconf, settingsModule, starImports, upperNames } = settings;
  if (rootUrlconf || settingsModule || starImports.length || upperNames.length) {
    out.settings = { rootUrlconf, settingsModule, ...(starImports.length ? { starImports } : {}), ...(upperNames.length ? { upperNames } : {}) };
  }
  return out;
}

function emptyFacts(): BriefDraft {
  return {
    loc: 0, imports: [], defs: {}, classes: {}, settingValues: {}, apps: [], routes: [], mounts: [], urlLists: {}, drf: [], tasks: [], schedules: [], cli: [], typerMounts: [],
    noxSessions: [], mainGuard: null, urls: [], cloud: [], env: [], databases: [],
    settings: { rootUrlconf: null, settingsModule: null, starImports: [], upperNames: [] }, dynamic: [],
    graphqlSchemas: [], graphqlBindables: [], graphqlResolvers: [],
  };
}

const URL_RE = /^([a-z][a-z0-9+.-]*):\/\/(?:([^\s/@]*)@)?([^\s/:?#]*)/i;

/** The name of the top-level class a node sits in, or null. */
function enclosingClass(n: SyntaxNode): string | null {
  let cls: string | null = null;
  for (let p = n.parent; p; p = p.parent) if (p.type === 'class_definition') cls = p.childForFieldName('name')?.text ?? cls;
  return cls;
}

/**
 * Extract what the brief needs from one parsed Python file. Purely syntactic: nothing is imported or executed,
 * names are resolved across modules later (buildBrief) from `imports`.
 */
export function extractBriefFacts(root: SyntaxNode, source: string, path: string, functions: FunctionTable | undefined): BriefFacts {
  const facts = emptyFacts();
  for (const l of source.split('\n')) {
    const t = l.trim();
    if (t && !t.startsWith('#')) facts.loc++;
  }
  const isNoxfile = /(^|\/)noxfile\.py$/.test(path);
  const imported = new Set<string>();

  // One walk of the tree (each descendantsOfType is a full traversal); imports first, since the rest reads them.
  const nodes = root.descendantsOfType(['import_statement', 'import_from_statement', 'decorated_definition', 'assignment', 'augmented_assignment', 'call', 'subscript', 'string']);
  for (const n of nodes) if (n.type === 'import_statement' || n.type === 'import_from_statement') readImport(n, facts.imports);
  for (const i of facts.imports) {
    imported.add(i.module.split('.')[0] ?? '');
    if (i.name) imported.add(i.name);
  }
  const cliFramework: CliFact['framework'] | null = imported.has('typer') ? 'typer' : imported.has('click') ? 'click' : null;
  const taskKind: TaskFact['kind'] = imported.has('huey') ? 'huey' : 'celery';

  for (const n of root.namedChildren) {
    const def = n.type === 'decorated_definition' ? n.childForFieldName('definition') : n;
    if (def && (def.type === 'function_definition' || def.type === 'class_definition')) {
      const name = def.childForFieldName('name')?.text;
      if (name) facts.defs[name] = line(def);
      if (name && def.type === 'function_definition') {
        const calls = (def.childForFieldName('body')?.namedChildren ?? [])
          .map((st) => (st.type === 'expression_statement' && st.namedChildren[0]?.type === 'call' ? st.namedChildren[0].childForFieldName('function')?.text : undefined))
          .filter((c): c is string => !!c && /^[\w.]+$/.test(c));
        if (calls.length) (facts.defCalls ??= {})[name] = calls;
      }
      if (name && def.type === 'class_definition') facts.classes[name] = classFact(def, n === def ? [] : decoratorsOf(n), functions);
    }
    if (n.type === 'expression_statement') {
      const a = n.namedChildren[0];
      const left = a?.type === 'assignment' ? a.childForFieldName('left') : null;
      readGraphql(a?.type === 'assignment' ? a.childForFieldName('right') : a, left?.type === 'identifier' ? left.text : null, line(n));
      if (left?.type === 'identifier' && imported.has('sqlalchemy')) readTable(left.text, a!.childForFieldName('right'), line(n));
      if (left?.type === 'identifier' && /^[A-Z][A-Z0-9_]*$/.test(left.text)) {
        facts.settings.upperNames.push(left.text);
        const v = settingValue(a!.childForFieldName('right'));
        if (v) facts.settingValues[left.text] = { value: shownValue(left.text, v.value), computed: v.computed, line: line(n) };
      }
    }
    if (n.type === 'if_statement' && facts.mainGuard === null) {
      const c = n.childForFieldName('condition')?.text.replace(/\s+/g, '');
      if (c && /^(__name__==["']__main__["']|["']__main__["']==__name__)$/.test(c)) facts.mainGuard = line(n);
    }
  }

  for (const n of nodes) {
    switch (n.type) {
      case 'decorated_definition':
        readDecorated(n);
        break;
      case 'assignment':
      case 'augmented_assignment':
        readAssignment(n);
        break;
      case 'call':
        // cheap text prefilter: most calls are of no interest
        if (CALL_HINT.test(n.text)) readCall(n);
        break;
      case 'subscript':
        // os.environ['X']
        if (n.text.startsWith('os.environ') && n.childForFieldName('value')?.text.replace(/\s+/g, '') === 'os.environ') {
          const k = stringValue(n.childForFieldName('subscript'));
          if (k) facts.env.push({ name: k, default: null, line: line(n) });
        }
        break;
      case 'string':
        readUrl(n);
        break;
    }
  }
  return briefFacts(facts);

  function readTable(variable: string, value: SyntaxNode | null | undefined, at: number): void {
    const p = value ? callParts(value) : null;
    const name = p && lastPart(p.fn) === 'Table' && p.positional.length > 1 ? stringValue(p.positional[0]) : null;
    if (!p || !name) return;
    const columns: TableFact['columns'] = [];
    for (const c of p.positional.slice(2)) {
      const cp = callParts(c);
      const col = cp && lastPart(cp.fn) === 'Column' ? stringValue(cp.positional[0]) : null;
      if (!cp || !col) continue;
      const type = cp.positional.slice(1).map((x) => lastPart((callParts(x)?.fn ?? x.text).replace(/\(.*$/s, ''))).find((t) => /^[A-Z]\w*$/.test(t) && t !== 'ForeignKey');
      const fkCall = cp.positional.map((x) => callParts(x)).find((x) => x && lastPart(x.fn) === 'ForeignKey');
      const target = fkCall?.positional[0];
      // "user.id" names the table; USER.c.id names the variable holding it
      const fk = target ? (stringValue(target)?.split('.')[0] ?? /^(\w+)\.c\.\w+$/.exec(target.text)?.[1] ?? null) : null;
      columns.push({ name: col, type: type ?? '?', fk });
    }
    (facts.tables ??= []).push({ variable, name, line: at, columns });
  }

  /** A schema built from root types, or an Ariadne bindable, at module level. */
  function readGraphql(value: SyntaxNode | null | undefined, variable: string | null, at: number): void {
    const p = value ? callParts(value) : null;
    if (!p) return;
    const attr = lastPart(p.fn);
    const name = (x: SyntaxNode | undefined): string | null => (x && /^[\w.]+$/.test(x.text) ? x.text : null);
    if (/schema$/i.test(attr) && attr !== 'make_executable_schema') {
      const query = name(p.kw.get('query') ?? p.positional[0]);
      if (query) facts.graphqlSchemas!.push({ callee: p.fn, query, mutation: name(p.kw.get('mutation') ?? p.positional[1]), subscription: name(p.kw.get('subscription') ?? p.positional[2]), line: at });
      return;
    }
    if (!variable || !imported.has('ariadne')) return;
    const ROOTS: Record<string, GraphqlBindableFact['root']> = { QueryType: 'query', MutationType: 'mutation', SubscriptionType: 'subscription' };
    const typeName = attr === 'ObjectType' ? stringValue(p.positional[0]) : null;
    const root = ROOTS[attr] ?? (typeName === 'Query' ? 'query' : typeName === 'Mutation' ? 'mutation' : typeName === 'Subscription' ? 'subscription' : undefined);
    if (root) facts.graphqlBindables!.push({ variable, root, line: at });
  }

  function readDecorated(n: SyntaxNode): void {
    const def = definitionOf(n);
    if (!def) return;
    for (const dec of n.namedChildren.filter((c) => c.type === 'decorator')) {
      const expr = dec.namedChildren[0];
      if (!expr) continue;
      const p = callParts(expr);
      const fn = p ? p.fn : expr.text.replace(/\s+/g, '');
      const attr = lastPart(fn);
      const owner = ownerPart(fn);
      const at = line(dec);
      const arg0 = p?.positional[0];
      const path0 = stringValue(arg0);

      // HTTP routes: Flask @x.route, Flask 2 / FastAPI @x.get…, FastAPI @x.api_route / websocket
      if (owner && path0 !== null && (path0 === '' || path0.startsWith('/'))) {
        if (attr === 'route' || attr === 'api_route') {
          const methods = strList(p?.kw.get('methods'))?.map((m) => m.toUpperCase()) ?? ['GET'];
          facts.routes.push({ owner, methods, path: path0, handler: def.name, line: at, via: 'decorator' });
          continue;
        }
        if (HTTP_METHODS.has(attr)) {
          facts.routes.push({ owner, methods: [attr.toUpperCase()], path: path0, handler: def.name, line: at, via: 'decorator' });
          continue;
        }
        if (attr === 'websocket' || attr === 'websocket_route') {
          facts.routes.push({ owner, methods: ['WS'], path: path0, handler: def.name, line: at, via: 'decorator' });
          continue;
        }
      }
      if (owner && (attr === 'route' || HTTP_METHODS.has(attr)) && p && arg0 && path0 === null && (imported.has('flask') || imported.has('fastapi'))) {
        facts.dynamic.push({ line: at, what: `route path computed at run time: ${snippet(expr, 80)}` });
        continue;
      }

      // Ariadne resolvers: @query.field("hello"); a resolver module often imports only the project's `query`,
      // so it is kept when its owner later resolves to a QueryType/MutationType bindable
      if (owner && attr === 'field' && path0) {
        facts.graphqlResolvers!.push({ owner, field: path0, line: at });
        continue;
      }

      // Background tasks
      const taskName = (k: string) => (p?.kw.get(k) ? stringValue(p.kw.get(k)) : null);
      if (fn === 'shared_task' || fn === 'celery.shared_task' || (owner && (attr === 'task' || attr === 'db_task'))) {
        facts.tasks.push({ kind: fn.endsWith('shared_task') ? 'celery' : taskKind, function: def.name, name: taskName('name'), line: at });
        continue;
      }
      if ((fn === 'job' || fn === 'rq.decorators.job' || fn === 'rq.job' || fn === 'django_rq.job') && (imported.has('rq') || imported.has('django_rq'))) {
        facts.tasks.push({ kind: 'rq', function: def.name, name: null, line: at });
        continue;
      }
      if (fn === 'dramatiq.actor' || (fn === 'actor' && imported.has('dramatiq'))) {
        facts.tasks.push({ kind: 'dramatiq', function: def.name, name: taskName('actor_name'), line: at });
        continue;
      }
      if (owner && attr === 'periodic_task' && p && arg0) {
        facts.tasks.push({ kind: taskKind, function: def.name, name: taskName('name'), line: at });
        facts.schedules.push({ kind: taskKind === 'huey' ? 'huey' : 'celery-beat', name: def.name, task: def.name, ref: true, schedule: scheduleText(arg0), line: at });
        continue;
      }
      // APScheduler @scheduler.scheduled_job('cron', hour=3)
      if (owner && attr === 'scheduled_job' && p) {
        const trigger = stringValue(arg0) ?? stringValue(p.kw.get('trigger')) ?? arg0?.text ?? '?';
        facts.schedules.push({ kind: 'apscheduler', name: stringValue(p.kw.get('id')) ?? def.name, task: def.name, ref: true, schedule: apschedulerText(trigger, p.kw), line: at });
        continue;
      }
      // CLI commands: click / typer
      if (cliFramework && (attr === 'command' || attr === 'group') && (owner || imported.has(attr))) {
        const explicit = stringValue(arg0) ?? stringValue(p?.kw.get('name'));
        const name = explicit ?? (cliFramework === 'typer' ? def.name.toLowerCase().replace(/_/g, '-') : clickName(def.name));
        const isClickModule = owner === 'click' || owner === '';
        facts.cli.push({ framework: owner === 'click' ? 'click' : cliFramework, name, group: isClickModule ? null : owner, isGroup: attr === 'group', handler: def.name, line: at });
        continue;
      }
      if (!cliFramework && owner && !owner.includes('.') && (attr === 'command' || attr === 'group')) {
        const explicit = stringValue(arg0) ?? stringValue(p?.kw.get('name'));
        facts.cli.push({ framework: 'typer', name: explicit ?? def.name.toLowerCase().replace(/_/g, '-'), group: owner, isGroup: attr === 'group', handler: def.name, line: at, inferred: { explicit: explicit !== null } });
        continue;
      }
      if (isNoxfile && (fn === 'nox.session' || fn === 'session')) {
        facts.noxSessions.push({ name: stringValue(p?.kw.get('name')) ?? def.name, line: at });
      }
    }
  }

  function readAssignment(n: SyntaxNode): void {
    const left = n.childForFieldName('left');
    const right = n.childForFieldName('right');
    if (!left || !right) return;
    const target = left.text.replace(/\s+/g, '');
    const augmented = n.type === 'augmented_assignment';
    const callee = right.type === 'call' ? right.childForFieldName('function') : null;
    const calleeName = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : callee?.text;
    if (calleeName && /Router$/.test(calleeName) && !own(APP_CTORS, calleeName) && left.type === 'identifier' && !augmented && n.parent?.parent?.type === 'module') {
      (facts.routerClasses ??= {})[target] = { cls: callee!.text.replace(/\s+/g, ''), line: line(n) };
    }
    const rp = calleeName && own(APP_CTORS, calleeName) ? callParts(right) : null;
    if (rp && left.type === 'identifier' && !augmented) {
      const kind = own(APP_CTORS, lastPart(rp.fn));
      if (kind) {
        const prefixNode = kind === 'blueprint' ? rp.kw.get('url_prefix') : kind === 'apirouter' ? rp.kw.get('prefix') : undefined;
        facts.apps.push({ variable: target, kind, prefix: prefixNode ? stringValue(prefixNode) : null, line: line(n) });
      }
    }
    const isDictAt = (node: SyntaxNode) => node.type === 'dictionary';
    if ((BEAT_NAMES.has(target) || target.endsWith('.beat_schedule')) && isDictAt(right)) readBeat(right);
    if (target === 'DATABASES' && isDictAt(right)) readDatabases(right);
    if (target === 'ROOT_URLCONF') {
      const v = stringValue(right);
      if (v) facts.settings.rootUrlconf = { value: v, line: line(n) };
      else facts.dynamic.push({ line: line(n), what: 'ROOT_URLCONF computed at run time' });
    }
    const listLike = right.type === 'list' || right.type === 'tuple' || right.type === 'binary_operator' || right.type === 'call' || (right.type === 'attribute' && right.text.endsWith('.urls'));
    if (left.type === 'identifier' && listLike && (target === 'urlpatterns' || /\b(path|re_path|url|i18n_patterns)\s*\(/.test(right.text))) {
      const pats = urlPatternList(right);
      if (pats) {
        if (augmented) (facts.urlLists[target] ??= []).push(...pats);
        else facts.urlLists[target] = pats;
      } else if (target === 'urlpatterns' && right.type !== 'list') {
        facts.dynamic.push({ line: line(n), what: `urlpatterns built at run time: ${snippet(right, 60)}` });
      }
    }
  }

  /** Django URL list: `[path(...), ...]`, `[...] + static(...)`, `i18n_patterns(path(...))`. Null when not one. */
  function urlPatternList(n: SyntaxNode): DjangoPatternFact[] | null {
    if (n.type === 'list' || n.type === 'tuple') {
      const out: DjangoPatternFact[] = [];
      let any = false;
      for (const c of n.namedChildren) {
        const p = urlPattern(c);
        if (p) {
          out.push(p);
          any = true;
        } else if (c.type !== 'comment') {
          facts.dynamic.push({ line: line(c), what: `URL pattern not understood: ${snippet(c, 60)}` });
        }
      }
      // a list of path() calls none of which could be read is still a URL list (the gaps say why)
      const allPaths = n.namedChildren.every((c) => c.type === 'comment' || /^(path|re_path|url)$/.test(lastPart(callParts(c)?.fn ?? '')));
      return any || allPaths ? out : null;
    }
    if (n.type === 'binary_operator') {
      const left = n.childForFieldName('left')!;
      const right = n.childForFieldName('right')!;
      const l = urlPatternList(left);
      const r = urlPatternList(right);
      if (!l && !r) return null;
      // `static("/media/", …) + [...]`: the list is read, the part built by a call is a gap, not a silent drop
      for (const [side, pats] of [[left, l], [right, r]] as const) if (!pats) facts.dynamic.push({ line: line(side), what: `URL patterns added at run time: ${snippet(side, 60)}` });
      return [...(l ?? []), ...(r ?? [])];
    }
    // urlpatterns = router.urls: a DRF router's routes, resolved with its registrations
    if (n.type === 'attribute' && n.childForFieldName('attribute')?.text === 'urls') return [{ kind: 'path', route: '', view: null, include: { variable: n.text.replace(/\s+/g, '') }, line: line(n) }];
    const p = callParts(n);
    if (p && lastPart(p.fn) === 'i18n_patterns') return p.positional.map(urlPattern).filter((x): x is DjangoPatternFact => !!x);
    return null;
  }

  function urlPattern(n: SyntaxNode): DjangoPatternFact | null {
    const p = callParts(n);
    if (!p) return null;
    const kind = lastPart(p.fn);
    if (kind !== 'path' && kind !== 're_path' && kind !== 'url') return null;
    const routeNode = p.positional[0] ?? p.kw.get('route');
    const setting = routeNode?.type === 'attribute' && routeNode.childForFieldName('object')?.text === 'settings' ? routeNode.childForFieldName('attribute')?.text : undefined;
    const route = setting ? `{settings.${setting}}` : stringValue(routeNode);
    const viewNode = p.positional[1] ?? p.kw.get('view');
    if (route === null || !viewNode) {
      facts.dynamic.push({ line: line(n), what: `URL pattern with a computed route: ${snippet(n, 60)}` });
      return null;
    }
    const ip = callParts(viewNode);
    if (ip && lastPart(ip.fn) === 'include') {
      let arg = ip.positional[0];
      if (arg?.type === 'tuple') arg = arg.namedChildren[0];
      const mod = stringValue(arg);
      const st = setting ? { setting } : {};
      if (mod !== null) return { kind, route, ...st, view: null, include: { module: mod }, line: line(n) };
      if (arg?.type === 'list') return { kind, route, ...st, view: null, include: { patterns: urlPatternList(arg) ?? [] }, line: line(n) };
      if (arg && (arg.type === 'identifier' || arg.type === 'attribute')) return { kind, route, ...st, view: null, include: { variable: arg.text.replace(/\s+/g, '') }, line: line(n) };
      const cp = arg ? callParts(arg) : null;
      return { kind, route, ...st, view: null, include: { computed: cp ? `${cp.fn}()` : snippet(viewNode, 60) }, line: line(n) };
    }
    let view = viewNode.text.replace(/\s+/g, '');
    if (ip) view = ip.fn; // View.as_view(...) → View.as_view
    // csrf_exempt(View.as_view(...)), cache_page(...)(View.as_view()): the view is the class whose as_view() is called
    const asView = /([\w.]+\.as_view)\s*\(/.exec(viewNode.text);
    if (ip && asView) view = asView[1]!;
    return { kind, route, ...(setting ? { setting } : {}), view, include: null, line: line(n) };
  }

  function readBeat(dict: SyntaxNode): void {
    for (const pair of dict.namedChildren.filter((c) => c.type === 'pair')) {
      const name = stringValue(pair.childForFieldName('key'));
      const value = pair.childForFieldName('value');
      if (name === null || value?.type !== 'dictionary') continue;
      let task: string | null = null;
      let sched: string | null = null;
      for (const e of value.namedChildren.filter((c) => c.type === 'pair')) {
        const k = stringValue(e.childForFieldName('key'));
        const v = e.childForFieldName('value');
        if (!v) continue;
        if (k === 'task') task = stringValue(v) ?? v.text;
        if (k === 'schedule') sched = scheduleText(v);
      }
      facts.schedules.push({ kind: 'celery-beat', name, task: task ?? '?', ref: false, schedule: sched ?? '?', line: line(pair) });
    }
  }

  function envValue(n: SyntaxNode): string | null {
    const s = stringValue(n);
    if (s !== null) return s;
    const p = callParts(n);
    if (p && /(^|\.)(getenv|get|env|config)$/.test(p.fn)) {
      const k = stringValue(p.positional[0]);
      if (k) {
        const d = literal(p.positional[1] ?? p.kw.get('default'));
        return d === undefined || d === null ? `$${k}` : `$${k} (default ${String(d)})`;
      }
    }
    const sub = n.type === 'subscript' ? stringValue(n.childForFieldName('subscript')) : null;
    if (sub) return `$${sub}`;
    return n.text.length > 60 ? '(computed)' : redactText(n.text);
  }

  function readDatabases(dict: SyntaxNode): void {
    for (const pair of dict.namedChildren.filter((c) => c.type === 'pair')) {
      const alias = stringValue(pair.childForFieldName('key'));
      const value = pair.childForFieldName('value');
      if (alias === null || !value) continue;
      if (value.type !== 'dictionary') {
        // dj_database_url.config(...) / env.db(...): the URL literal, if any, is picked up as a string
        facts.databases.push({ alias, engine: null, name: null, host: null, line: line(pair) });
        facts.dynamic.push({ line: line(pair), what: `database "${alias}" configured at run time: ${snippet(value, 60)}` });
        continue;
      }
      const db: DatabaseFact = { alias, engine: null, name: null, host: null, line: line(pair) };
      for (const e of value.namedChildren.filter((c) => c.type === 'pair')) {
        const k = stringValue(e.childForFieldName('key'));
        const v = e.childForFieldName('value');
        if (!v) continue;
        if (k === 'ENGINE') db.engine = envValue(v);
        if (k === 'NAME') db.name = envValue(v);
        if (k === 'HOST') db.host = envValue(v);
      }
      facts.databases.push(db);
    }
  }

  function readCall(n: SyntaxNode): void {
    // Most calls are of no interest: look at the callee's last name before building the argument map.
    const f = n.childForFieldName('function');
    const last = f?.type === 'attribute' ? f.childForFieldName('attribute')?.text : f?.type === 'identifier' ? f.text : undefined;
    if (!last || !CALLS_OF_INTEREST.has(last)) return;
    const p = callParts(n);
    if (!p) return;
    const attr = lastPart(p.fn);
    const owner = ownerPart(p.fn);
    const at = line(n);
    const a0 = p.positional[0];
    const a1 = p.positional[1];
    switch (attr) {
      case 'set_field': {
        const field = stringValue(a0);
        if (owner && field) facts.graphqlResolvers!.push({ owner, field, line: at });
        return;
      }
      case 'add_typer':
        if (owner && a0 && imported.has('typer')) facts.typerMounts!.push({ parent: owner, child: a0.text.replace(/\s+/g, ''), name: stringValue(p.kw.get('name')), line: at });
        return;
      case 'register_blueprint':
      case 'include_router':
        if (owner && a0) {
          const prefix = p.kw.get(attr === 'include_router' ? 'prefix' : 'url_prefix');
          const pv = prefix ? stringValue(prefix) : null;
          // prefix=settings.API_V1_STR: resolved from the project's settings (a module constant or a Settings class default)
          const setting = prefix?.type === 'attribute' && /^[A-Z][A-Z0-9_]*$/.test(prefix.childForFieldName('attribute')?.text ?? '') ? prefix.childForFieldName('attribute')!.text : undefined;
          if (prefix && pv === null && !setting) facts.dynamic.push({ line: at, what: `prefix computed at run time: ${snippet(prefix, 60)}` });
          facts.mounts.push({ parent: owner, child: a0.text.replace(/\s+/g, ''), prefix: pv, line: at, kind: attr, ...(setting ? { setting } : {}) });
        }
        return;
      case 'mount': {
        const pv = stringValue(a0);
        if (owner && pv !== null && pv.startsWith('/') && a1 && (imported.has('fastapi') || imported.has('starlette'))) {
          const ap = callParts(a1);
          // StaticFiles and other ASGI apps are not routers: list the mount point itself
          if (ap) facts.routes.push({ owner, methods: ['MOUNT'], path: pv, handler: ap.fn, line: at, via: 'add_api_route' });
          else facts.mounts.push({ parent: owner, child: a1.text.replace(/\s+/g, ''), prefix: pv, line: at, kind: 'mount' });
        }
        return;
      }
      case 'add_get':
      case 'add_post':
      case 'add_put':
      case 'add_patch':
      case 'add_delete':
      case 'add_head':
      case 'add_route':
      case 'add_view': {
        // aiohttp: app.router.add_get('/p', handler), app.router.add_route('GET', '/p', handler)
        if (!owner || !imported.has('aiohttp')) return;
        const withMethod = attr === 'add_route';
        const pv = stringValue(withMethod ? a1 : a0);
        const h = withMethod ? p.positional[2] : a1;
        if (pv === null || !h) {
          facts.dynamic.push({ line: at, what: `${attr}() with a computed path or handler: ${snippet(n, 80)}` });
          return;
        }
        const method = withMethod ? (stringValue(a0) ?? 'ANY').toUpperCase() : attr === 'add_view' ? 'ANY' : attr.slice(4).toUpperCase();
        facts.routes.push({ owner: owner.replace(/\.router$/, ''), methods: [method === '*' ? 'ANY' : method], path: pv, handler: h.text.replace(/\s+/g, ''), line: at, via: 'add_api_route' });
        return;
      }
      case 'add_routes': {
        // aiohttp: app.add_routes([web.get('/', h), ...]) or app.add_routes(routes) for a RouteTableDef
        if (!owner || !imported.has('aiohttp') || !a0) return;
        if (a0.type === 'identifier') {
          facts.mounts.push({ parent: owner, child: a0.text, prefix: '', line: at, kind: 'mount' });
          return;
        }
        for (const item of a0.namedChildren) {
          const ip = callParts(item);
          const m = ip ? lastPart(ip.fn) : '';
          const path = ip ? stringValue(ip.positional[m === 'route' ? 1 : 0]) : null;
          const h = ip?.positional[m === 'route' ? 2 : 1];
          if (!ip || path === null || !h || !/^(get|post|put|patch|delete|head|view|route)$/.test(m)) {
            if (item.type !== 'comment') facts.dynamic.push({ line: line(item), what: `aiohttp route not understood: ${snippet(item, 60)}` });
            continue;
          }
          const method = m === 'route' ? (stringValue(ip.positional[0]) ?? 'ANY').toUpperCase() : m === 'view' ? 'ANY' : m.toUpperCase();
          facts.routes.push({ owner, methods: [method], path, handler: h.text.replace(/\s+/g, ''), line: line(item), via: 'add_api_route' });
        }
        return;
      }
      case 'add_subapp': {
        const pv = stringValue(a0);
        if (owner && pv !== null && a1 && imported.has('aiohttp')) facts.mounts.push({ parent: owner, child: a1.text.replace(/\s+/g, ''), prefix: pv, line: at, kind: 'mount' });
        return;
      }
      case 'Route':
      case 'WebSocketRoute': {
        // Starlette: Route('/p', endpoint, methods=[...]) anywhere, under the prefixes of the Mount('/x', routes=[...]) around it
        if (owner || !imported.has('starlette')) return;
        const pv = stringValue(a0 ?? p.kw.get('path'));
        const h = a1 ?? p.kw.get('endpoint');
        if (pv === null || !h) return;
        let prefix = '';
        for (let up = n.parent; up; up = up.parent) {
          const mp = up.type === 'call' ? callParts(up) : null;
          if (mp && lastPart(mp.fn) === 'Mount') prefix = (stringValue(mp.positional[0] ?? mp.kw.get('path')) ?? '') + prefix;
        }
        const methods = attr === 'WebSocketRoute' ? ['WS'] : strList(p.kw.get('methods'))?.map((m) => m.toUpperCase()) ?? ['GET'];
        facts.routes.push({ owner: '', methods, path: prefix + pv, handler: h.text.replace(/\s+/g, ''), line: at, via: 'add_api_route' });
        return;
      }
      case 'add_url_rule':
      case 'add_api_route': {
        if (!owner) return;
        const pv = stringValue(a0 ?? p.kw.get('rule') ?? p.kw.get('path'));
        const view = attr === 'add_url_rule' ? p.kw.get('view_func') ?? p.positional[2] : p.kw.get('endpoint') ?? a1;
        if (pv === null || !view) {
          facts.dynamic.push({ line: at, what: `${attr}() with a computed path or view: ${snippet(n, 80)}` });
          return;
        }
        const vp = callParts(view);
        const methods = strList(p.kw.get('methods'))?.map((m) => m.toUpperCase()) ?? ['GET'];
        facts.routes.push({ owner, methods, path: pv, handler: vp ? vp.fn : /^[\w.]+$/.test(view.text) ? view.text : '(expression)', line: at, via: attr });
        return;
      }
      case 'register':
        if (owner && a0 && a1) {
          const pv = stringValue(a0);
          // any router class (DefaultRouter or a project's subclass): registrations are used only when `router.urls` is
          if (pv !== null && (a1.type === 'identifier' || a1.type === 'attribute')) facts.drf.push({ router: owner, prefix: pv, viewset: a1.text.replace(/\s+/g, ''), line: at });
        }
        return;
      case 'append':
      case 'extend': {
        // _patterns.append(path(...)) under `if settings.DEBUG:` — listed: the route exists in some configurations
        const list = facts.urlLists[owner];
        if (!list || !a0) return;
        const pats = attr === 'append' ? [urlPattern(a0)].filter((x): x is DjangoPatternFact => !!x) : urlPatternList(a0);
        if (pats) list.push(...pats);
        return;
      }
      case 'add_job': {
        if (!owner || !a0) return;
        const trigNode = a1 ?? p.kw.get('trigger');
        const trigger = stringValue(trigNode);
        let sched: string;
        if (trigger !== null) sched = apschedulerText(trigger, p.kw);
        else if (trigNode) {
          const tp = callParts(trigNode);
          const cron = tp && lastPart(tp.fn) === 'from_crontab' ? stringValue(tp.positional[0]) : null;
          sched = cron !== null ? `cron ${cron}` : snippet(trigNode, 80);
        } else sched = '?';
        const task = a0.text.replace(/\s+/g, '');
        facts.schedules.push({ kind: 'apscheduler', name: stringValue(p.kw.get('id')) ?? stringValue(p.kw.get('name')) ?? task, task, ref: true, schedule: sched, line: at });
        return;
      }
      case 'add_periodic_task': {
        if (!owner || !a0 || !a1) return;
        const sig = callParts(a1);
        const task = sig ? ownerPart(sig.fn) || sig.fn : a1.text;
        facts.schedules.push({ kind: 'celery-beat', name: stringValue(p.kw.get('name')) ?? task, task, ref: true, schedule: scheduleText(a0), line: at });
        return;
      }
      case 'enqueue':
      case 'enqueue_call':
      case 'enqueue_in':
      case 'enqueue_at': {
        if (!owner) return;
        const f = attr === 'enqueue' ? a0 : attr === 'enqueue_call' ? (p.kw.get('func') ?? a0) : a1;
        // `cls.handle` / `self.run` inside a class: that class's method (`JobRunner.handle`)
        const self = f && /^(self|cls)\.\w+$/.test(f.text) ? enclosingClass(n) : null;
        if (self) facts.tasks.push({ kind: 'rq', function: `${self}.${f!.text.split('.')[1]}`, name: null, line: at });
        else if (f && (f.type === 'identifier' || f.type === 'attribute') && !/^(self|cls)\./.test(f.text)) facts.tasks.push({ kind: 'rq', function: f.text.replace(/\s+/g, ''), name: null, line: at });
        // enqueue('pkg.mod.func'): the worker imports that dotted path as written
        else if (f && stringValue(f)) facts.tasks.push({ kind: 'rq', function: stringValue(f)!, name: stringValue(f), line: at });
        return;
      }
      case 'add_parser': {
        const name = stringValue(a0);
        if (owner && name) facts.cli.push({ framework: 'argparse', name, group: null, isGroup: false, handler: owner, line: at });
        return;
      }
      case 'client':
      case 'resource': {
        const svc = stringValue(a0 ?? p.kw.get('service_name'));
        if (svc && (imported.has('boto3') || imported.has('aioboto3') || imported.has('botocore'))) facts.cloud.push({ sdk: 'boto3', service: svc, line: at });
        return;
      }
      case 'setdefault':
      case 'get':
      case 'getenv':
        if (p.fn === 'os.environ.setdefault' && stringValue(a0) === 'DJANGO_SETTINGS_MODULE') {
          const v = stringValue(a1);
          if (v) facts.settings.settingsModule ??= { value: v, line: at };
          return;
        }
        if (p.fn === 'os.environ.get' || p.fn === 'os.getenv' || p.fn === 'environ.get' || p.fn === 'getenv') {
          const k = stringValue(a0);
          if (!k) return;
          const d = literal(a1 ?? p.kw.get('default'));
          facts.env.push({ name: k, default: d === undefined || d === null ? null : maskUrlUserinfo(String(d)), line: at });
        }
        return;
      case 'update':
        if (p.kw.get('beat_schedule')?.type === 'dictionary') readBeat(p.kw.get('beat_schedule')!);
        return;
      default:
    }
  }

  function readUrl(n: SyntaxNode): void {
    // docstrings and bare strings are prose, not configuration
    if (!n.text.includes('://') || n.parent?.type === 'expression_statement') return;
    const full = stringValue(n);
    const text = full ?? stringPrefix(n);
    const m = URL_RE.exec(text.trim());
    if (!m) return;
    const host = (m[3] ?? '').toLowerCase();
    const rest = text.trim().slice(m[0].length);
    // an f-string's host must be complete before the first interpolation
    if (full === null && !/^[/:?#]/.test(rest)) return;
    const scheme = (m[1] ?? '').toLowerCase();
    if (!host && scheme !== 'sqlite') return;
    facts.urls.push({ scheme, host, url: maskUrlUserinfo(text.trim()), line: line(n) });
  }

  function readImport(n: SyntaxNode, out: ImportFact[]): void {
    const start = out.length;
    readImportNode(n, out);
    let deferred = false;
    for (let up = n.parent; up && !deferred; up = up.parent) {
      if (up.type === 'function_definition') deferred = true;
      else if (up.type === 'if_statement' && /TYPE_CHECKING/.test(up.childForFieldName('condition')?.text ?? '')) deferred = true;
    }
    if (deferred) for (let i = start; i < out.length; i++) out[i]!.deferred = true;
  }

  function readImportNode(n: SyntaxNode, out: ImportFact[]): void {
    const at = line(n);
    if (n.type === 'import_statement') {
      for (const c of n.namedChildren) {
        if (c.type === 'dotted_name') out.push({ module: c.text, name: null, alias: null, level: 0, line: at });
        else if (c.type === 'aliased_import') out.push({ module: c.childForFieldName('name')?.text ?? '', name: null, alias: c.childForFieldName('alias')?.text ?? null, level: 0, line: at });
      }
      return;
    }
    if (n.type !== 'import_from_statement') return;
    const modNode = n.childForFieldName('module_name');
    let module = '';
    let level = 0;
    if (modNode?.type === 'relative_import') {
      level = modNode.namedChildren.find((c) => c.type === 'import_prefix')?.text.length ?? 0;
      module = modNode.namedChildren.find((c) => c.type === 'dotted_name')?.text ?? '';
    } else module = modNode?.text ?? '';
    if (n.namedChildren.some((c) => c.type === 'wildcard_import')) {
      out.push({ module, name: '*', alias: null, level, line: at });
      facts.settings.starImports.push({ module, level, line: at });
      return;
    }
    for (const c of n.childrenForFieldName('name')) {
      if (c.type === 'dotted_name') out.push({ module, name: c.text, alias: null, level, line: at });
      else if (c.type === 'aliased_import') out.push({ module, name: c.childForFieldName('name')?.text ?? '', alias: c.childForFieldName('alias')?.text ?? null, level, line: at });
    }
  }
}
