import type { PyNode as SyntaxNode } from './tree.js';
import { collectFunctions, type FunctionFact } from './complexity.js';
import { functionTable, type FunctionTable } from './functions.js';
import { callArgs, dottedName, literalText, stringValue } from './literals.js';
import { maintainability } from './maintainability.js';
import { BLOCKING_CALLS, isBuiltSql, isLoggerCall, isSqlSink, sensitiveName } from './sinks.js';

export interface ImportFact {
  /** Dotted module as written (`a.b` of `import a.b` / `from a.b import c`); '' for `from . import x`. */
  name: string;
  /** Leading dots of a relative import; 0 when absolute. */
  level: number;
  /** Names of a `from … import` (`*` for a star import); absent for `import …`. */
  names?: string[];
  line: number;
  /** Inside `try: … except ImportError` — an optional dependency. */
  optional?: true;
  /** Inside `if TYPE_CHECKING:` — needed by type checkers only. */
  typing?: true;
  /** Inside a function body: runs when called, not when the module is imported (cannot close an import cycle). */
  deferred?: true;
}

export interface EnvReadFact {
  name: string;
  line: number;
  /** The literal default when one is given (None counts as no default). */
  default: string | null;
  /** How it is read: os.environ, os.getenv, django-environ, decouple, pydantic. */
  via: string;
}

export interface SmellFact {
  rule: string;
  line: number;
  column: number;
  /** The offending code, trimmed to one short line. */
  snippet: string;
  /** Enclosing function/class, for a fingerprint that survives edits elsewhere. */
  scope: string;
}

/**
 * Everything the health review needs from one file, extracted from one parse. JSON-safe, and cached on
 * disk: an empty list and a false import flag are left out (a warm scan decodes every file's facts, and
 * empty lists were 40% of the objects decoded for the stdlib).
 */
export interface HealthFacts {
  /** Absent when the file defines none. */
  functions?: FunctionTable;
  /** radon's maintainability index (`radon mi -s`), null when the raw metrics cannot be computed. */
  maintainability: number | null;
  /** Physical lines (radon's `loc`). */
  loc: number;
  /** Source lines of code (radon's `sloc`). */
  sloc: number;
  imports?: ImportFact[];
  envReads?: EnvReadFact[];
  /** Variables the file itself sets (`os.environ["X"] = …`): a signal between the project's own processes. */
  envWrites?: string[];
  smells?: SmellFact[];
  /** Test functions: `test*` functions and methods of `Test*`/TestCase classes. */
  testFunctions: number;
  /** pytest markers applied (`@pytest.mark.<name>`), deduplicated. */
  markers?: string[];
  /** `if __name__ == "__main__":` present. */
  hasMainGuard: boolean;
  /** Line of the first syntax error (ERROR or MISSING node), when the parse was not clean. */
  syntaxErrorLine: number | null;
  /** `# noqa` / `# nosec` comments: the line and the codes named (empty: every code). */
  noqa?: { line: number; codes: string[] }[];
  /**
   * Top-level module names named in strings of module-level UPPERCASE settings (INSTALLED_APPS,
   * MIDDLEWARE, `"django_redis.cache.RedisCache"` backends…): code loaded by name, not by import.
   */
  stringRefs?: string[];
  /** Uses the logging module (or structlog/loguru). */
  logs: boolean;
  /** Configures logging: basicConfig, dictConfig/fileConfig, structlog.configure, loguru `logger.add`, a Django LOGGING setting. */
  configuresLogging: boolean;
}

const SUBPROCESS_FNS = new Set(['run', 'call', 'check_call', 'check_output', 'Popen', 'getoutput', 'getstatusoutput']);
const PICKLE_MODULES = new Set(['pickle', 'cPickle', '_pickle', 'dill', 'cloudpickle']);
const SAFE_YAML_LOADERS = /(^|\.)(SafeLoader|CSafeLoader|BaseLoader|CBaseLoader)$/;
const ENV_TYPED_METHODS = new Set([
  'str', 'bool', 'int', 'float', 'list', 'tuple', 'dict', 'json', 'url', 'db', 'db_url', 'cache', 'cache_url',
  'email', 'email_url', 'search_url', 'path', 'decimal', 'bytes', 'parse_value',
]);

/** Library code: not tests, scripts, CLIs, entry points, build or docs files. print() is fine there. */
export function isScriptLike(path: string): boolean {
  return (
    isTestPath(path) ||
    /(^|\/)(scripts?|bin|tools|examples?|docs?|benchmarks?|bench|cli|commands|management)\//.test(path) ||
    /(^|\/)(__main__|manage|setup|conftest|noxfile|fabfile|cli)\.py$/.test(path)
  );
}

export function isTestPath(path: string): boolean {
  return /(^|\/)(tests?|testing)\//.test(path) || /(^|\/)(test_[^/]*|[^/]*_tests?|conftest)\.py$/.test(path);
}

/** Settings modules, except the ones meant for development (settings/dev.py, local_settings.py…). */
function isSettingsPath(path: string): boolean {
  return /(^|\/)(settings|config)(\/|[^/]*\.py$)/.test(path) && !/(^|[/_])(dev|development|local|test|testing)(_settings)?\.py$/.test(path);
}

function oneLine(text: string): string {
  const first = text.split('\n')[0]!.trim();
  return first.length > 120 ? first.slice(0, 117) + '...' : first;
}

function firstSyntaxError(root: SyntaxNode): number | null {
  if (!root.hasError) return null;
  let best: number | null = null;
  const stack: SyntaxNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (!n.hasError && !n.isMissing) continue;
    if (n.type === 'ERROR' || n.isMissing) {
      const line = n.startPosition.row + 1;
      if (best === null || line < best) best = line;
      continue;
    }
    for (const c of n.children) stack.push(c);
  }
  return best ?? root.startPosition.row + 1;
}

function exceptCatches(clause: SyntaxNode): string[] {
  const names: string[] = [];
  for (const c of clause.namedChildren) {
    if (c.type === 'block' || c.type === 'comment') continue;
    const add = (n: SyntaxNode) => {
      if (n.type === 'tuple' || n.type === 'parenthesized_expression') n.namedChildren.forEach(add);
      else if (n.type === 'as_pattern') {
        const first = n.namedChild(0);
        if (first) add(first);
      } else {
        const d = dottedName(n);
        if (d) names.push(d.split('.').pop()!);
      }
    };
    add(c);
  }
  return names;
}

function isBareExcept(clause: SyntaxNode): boolean {
  return clause.namedChildren.every((c) => c.type === 'block' || c.type === 'comment');
}

/**
 * A do-nothing handler the code itself explains: a comment saying why (`# keep the value as a string`),
 * or a `try … else: break/return` that takes the first candidate that works and falls back otherwise.
 */
function isDeliberateSwallow(clause: SyntaxNode): boolean {
  const block = clause.namedChildren.find((c) => c.type === 'block');
  const comments = [...clause.namedChildren, ...(block?.namedChildren ?? [])].filter((c) => c.type === 'comment');
  if (comments.some((c) => !/^#\s*(noqa|nosec|pragma|type:|pylint:|fmt:|pyright:)/i.test(c.text))) return true;
  const orElse = clause.parent?.type === 'try_statement' ? clause.parent.namedChildren.find((c) => c.type === 'else_clause') : undefined;
  const elseBody = orElse?.namedChildren.find((c) => c.type === 'block');
  return elseBody?.namedChildren.some((c) => c.type === 'break_statement' || c.type === 'return_statement') ?? false;
}

/** `exec(compile(f.read(), filename, "exec"), ns)`: run a Python file under its own name, as runpy and config loaders do. */
function isFileRun(call: SyntaxNode): boolean {
  const first = call.childForFieldName('arguments')?.namedChildren[0];
  if (first?.type !== 'call' || first.childForFieldName('function')?.text !== 'compile') return false;
  const [src, name, mode] = first.childForFieldName('arguments')?.namedChildren ?? [];
  const reads = src?.type === 'call' && /\.read$/.test(src.childForFieldName('function')?.text ?? '');
  return reads && name !== undefined && !/^[rbuf]*['"]</i.test(name.text) && /^['"]exec['"]$/.test(mode?.text ?? '');
}

/** A body that does nothing: only `pass`, `...` and comments. */
function isEmptyBody(block: SyntaxNode | undefined): boolean {
  if (!block) return false;
  return block.namedChildren.every(
    (s) =>
      s.type === 'pass_statement' ||
      s.type === 'comment' ||
      (s.type === 'expression_statement' && s.namedChildCount === 1 && s.namedChild(0)?.type === 'ellipsis'),
  );
}

function classBases(cls: SyntaxNode): string[] {
  const sup = cls.childForFieldName('superclasses');
  if (!sup) return [];
  return sup.namedChildren.map((b) => dottedName(b)?.split('.').pop() ?? '').filter(Boolean);
}

/** Settings that list apps or plugins by bare module name (`"taggit"`), not only dotted paths. */
const APP_LISTS = /^(INSTALLED_APPS|[A-Z_]*APPS|PLUGINS|[A-Z_]*_PLUGINS|EXTENSIONS)$/;
const DOTTED = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$/;
const BARE = /^[A-Za-z_][A-Za-z0-9_]*$/;

function collectStringRefs(node: SyntaxNode, bare: boolean, out: Set<string>): void {
  if (node.type === 'string') {
    const v = stringValue(node);
    if (v && (DOTTED.test(v) || (bare && BARE.test(v)))) out.add(v.split('.')[0]!);
    return;
  }
  const children = node.namedChildren;
  for (let i = 0; i < children.length; i++) collectStringRefs(children[i]!, bare, out);
}

/** `# noqa`, `# noqa: E722,S101`, `# nosec`, `# nosec B101`: one entry per line that has one. */
function noqaComments(source: string): { line: number; codes: string[] }[] {
  const out: { line: number; codes: string[] }[] = [];
  if (!/#\s*no(qa|sec)\b/i.test(source)) return out;
  source.split('\n').forEach((l, i) => {
    const m = /#\s*(?:noqa|nosec)\b(?::?\s*([A-Za-z]+[0-9]+(?:[\s,]+[A-Za-z]+[0-9]+)*))?/i.exec(l);
    if (m) out.push({ line: i + 1, codes: m[1] ? m[1].split(/[\s,]+/).map((c) => c.toUpperCase()) : [] });
  });
  return out;
}

/**
 * Health facts of a file too large to analyse: line counts and noqa comments, nothing else. The counts
 * are plain (sloc: lines neither blank nor comments), not radon's: its tokenizer holds a whole bracketed
 * literal in memory at once.
 */
export function skippedHealthFacts(source: string): HealthFacts {
  let loc = 0;
  let sloc = 0;
  for (const line of source.split('\n')) {
    loc++;
    const t = line.trim();
    if (t && !t.startsWith('#')) sloc++;
  }
  if (source.endsWith('\n')) loc--;
  const noqa = noqaComments(source);
  return { maintainability: null, loc, sloc, testFunctions: 0, hasMainGuard: false, syntaxErrorLine: null, ...(noqa.length ? { noqa } : {}), logs: false, configuresLogging: false };
}

/** An import while the file is walked: every flag and list present. */
type ImportDraft = Omit<ImportFact, 'names' | 'optional' | 'typing' | 'deferred'> & { names: string[]; optional: boolean; typing: boolean; deferred: boolean };

/** HealthFacts while they are collected: every list present, pushed to as the tree is walked. */
type HealthDraft = Omit<HealthFacts, 'functions' | 'imports' | 'envReads' | 'smells' | 'markers' | 'noqa' | 'stringRefs'> & {
  functions: FunctionFact[];
  imports: ImportDraft[];
  envReads: EnvReadFact[];
  smells: SmellFact[];
  markers: string[];
  noqa: { line: number; codes: string[] }[];
  stringRefs: string[];
};

/** The stored shape of a draft: functions as a table, empty lists and false import flags left out. */
function healthFacts(d: HealthDraft): HealthFacts {
  const { functions, imports, envReads, smells, markers, noqa, stringRefs, ...scalars } = d;
  const out: HealthFacts = scalars;
  const table = functionTable(functions);
  if (table) out.functions = table;
  if (imports.length) {
    out.imports = imports.map(({ name, level, names, line, optional, typing, deferred }) => ({
      name,
      level,
      ...(names.length ? { names } : {}),
      line,
      ...(optional ? { optional } : {}),
      ...(typing ? { typing } : {}),
      ...(deferred ? { deferred } : {}),
    }));
  }
  if (envReads.length) out.envReads = envReads;
  if (smells.length) out.smells = smells;
  if (markers.length) out.markers = markers;
  if (noqa.length) out.noqa = noqa;
  if (stringRefs.length) out.stringRefs = stringRefs;
  return out;
}

/** Extract the health facts of one parsed file. `path` decides library vs test/script code. */
export function extractHealthFacts(root: SyntaxNode, source: string, path: string): HealthFacts {
  // Each function's complexity, computed once for its row and for the module total of the maintainability index.
  const complexities = new Map<SyntaxNode, number>();
  const facts: HealthDraft = {
    functions: collectFunctions(root, complexities),
    maintainability: null,
    loc: 0,
    sloc: 0,
    imports: [],
    envReads: [],
    smells: [],
    testFunctions: 0,
    markers: [],
    hasMainGuard: false,
    syntaxErrorLine: firstSyntaxError(root),
    noqa: noqaComments(source),
    stringRefs: [],
    logs: false,
    configuresLogging: false,
  };
  const mi = maintainability(root, source, complexities);
  facts.maintainability = mi.mi;
  facts.loc = mi.loc;
  facts.sloc = mi.sloc;
  const walk = new HealthWalk(facts, path);
  // First pass over imports so that calls can be recognised whatever the order in the file.
  walk.importWalk(root, false, false, false);
  const importsTop = new Set(facts.imports.map((i) => i.name.split('.')[0]));
  walk.importsTop = importsTop;
  facts.logs = importsTop.has('logging') || importsTop.has('structlog') || importsTop.has('loguru');
  for (const c of root.namedChildren) {
    const cond = c.type === 'if_statement' ? (c.childForFieldName('condition')?.text.replace(/\s+/g, ' ') ?? '') : '';
    if (/^__name__ ?== ?['"]__main__['"]$|^['"]__main__['"] ?== ?__name__$/.test(cond)) facts.hasMainGuard = true;
  }
  walk.cliModule = [...importsTop].some((m) => m === 'argparse' || m === 'click' || m === 'typer' || m === 'fire' || m === 'docopt');
  walk.visit(root);
  facts.markers = [...walk.markers].sort();
  facts.stringRefs = [...walk.stringRefs].sort();
  return healthFacts(facts);
}

type ScopeKind = 'function' | 'async' | 'class' | 'test-class';

const IMPORT_GUARD = /^(ImportError|ModuleNotFoundError|Exception)$/;
const OPTIONAL_IMPORT_CONDITION = /find_spec|(^|[\s(.])(has_|HAS_|_?is_available|_available\b|is_installed)/;
const TYPE_CHECKING = /^([A-Za-z_][\w.]*\.)?TYPE_CHECKING$/;
const OS_ENV_CALL = /^os\.(environ\.(get|setdefault|pop)|getenv)$/;
const MUTABLE_FACTORY = /^(list|dict|set|collections\.defaultdict|defaultdict|bytearray)$/;
const FIELD_CALL = /(^|\.)Field$/;
const ENV_CLASS = /(^|\.)Env$/;
const UPPER_NAME = /^[A-Z][A-Z0-9_]*$/;
const WEAK_HASH = /^hashlib\.(md5|sha1|new)$/;
const PASSWORD_WORD = /pass(word|wd|phrase)?\b|pwd/i;
const WEAK_HASH_NAME = /^['"](md5|sha1)['"]/i;
const REQUESTS_CALL = /^requests\.(get|post|put|patch|delete|head|options|request)$/;
const HTTPX_CALL = /^httpx\.(get|post|put|patch|delete|head|options|request|stream)$/;
const LOGGING_CONFIG = /^(logging\.(basicConfig|config\.dictConfig|config\.fileConfig)|dictConfig|fileConfig|structlog\.configure|loguru\.logger\.add)$/;
const BARE_RAISE = /(^|\n)\s*raise\s*($|\n)/;
const RAISE = /(^|\n)\s*raise\b/;
const KEEPS_TRACE = /\btraceback\.(format_exc|print_exc|format_exception|print_exception|format_tb)\b|\bsys\.exc_info\(/;
const TYPE_NARROWING = /^(isinstance|issubclass|callable)\(|^[\w.]+ is (not )?None$/;
const PYTEST_MARK = /^pytest\.mark\.([A-Za-z_]\w*)$/;
const ASYNC_DEF = /^async\b/;

/**
 * The walk of one file: its state in fields and its steps as methods. Closures made anew for each file
 * (as the walk was written before) gave the optimizing compiler a new call target per file, and each
 * worker deoptimized and recompiled these large functions dozens of times.
 */
class HealthWalk {
  readonly testFile: boolean;
  readonly settingsFile: boolean;
  readonly stringRefs = new Set<string>();
  readonly markers = new Set<string>();
  /** Names bound by `from X import name`, to recognise `getenv(...)`, `config(...)`, `load(...)`. */
  readonly importedFrom = new Map<string, string>();
  /** django-environ: names bound to `environ.Env(...)`. */
  readonly envObjects = new Set<string>();
  readonly scopeStack: string[] = [];
  /** Per enclosing scope: is it a test class (pytest `Test*` or a TestCase subclass)? */
  readonly kinds: ScopeKind[] = [];
  /** Names assigned SQL built from values, per scope: `q = f"SELECT … {x}"; cur.execute(q)`. */
  readonly builtSql = new Set<string>();
  /** Enclosing except clauses, innermost last: whether each re-raises, catches everything, and keeps the traceback. */
  handlers: { reraises: boolean; broad: boolean; keepsTrace: boolean }[] = [];
  importsTop: ReadonlySet<string | undefined> = new Set();
  cliModule = false;

  constructor(
    readonly facts: HealthDraft,
    readonly path: string,
  ) {
    this.testFile = isTestPath(path);
    this.settingsFile = isSettingsPath(path);
  }

  scope(): string {
    return this.scopeStack.join('.') || '<module>';
  }

  smell(rule: string, node: SyntaxNode): void {
    this.facts.smells.push({ rule, line: node.startPosition.row + 1, column: node.startPosition.column + 1, snippet: oneLine(node.text), scope: this.scope() });
  }

  importWalk(node: SyntaxNode, optional: boolean, typing: boolean, deferred: boolean): void {
    const facts = this.facts;
    const children = node.namedChildren;
    for (let i = 0; i < children.length; i++) {
      const c = children[i]!;
      if (c.type === 'import_statement') {
        for (const n of c.namedChildren) {
          const dn = n.type === 'aliased_import' ? n.childForFieldName('name') : n;
          if (dn?.type === 'dotted_name') facts.imports.push({ name: dn.text, level: 0, names: [], line: c.startPosition.row + 1, optional, typing, deferred });
        }
      } else if (c.type === 'import_from_statement' || c.type === 'future_import_statement') {
        const mod = c.childForFieldName('module_name');
        let name = '';
        let level = 0;
        if (c.type === 'future_import_statement') name = '__future__';
        else if (mod?.type === 'relative_import') {
          level = mod.namedChildren.find((x) => x.type === 'import_prefix')?.text.length ?? 0;
          name = mod.namedChildren.find((x) => x.type === 'dotted_name')?.text ?? '';
        } else if (mod) name = mod.text;
        const names: string[] = [];
        for (const n of c.childrenForFieldName('name')) {
          const orig = n.type === 'aliased_import' ? n.childForFieldName('name') : n;
          const alias = n.type === 'aliased_import' ? n.childForFieldName('alias')?.text : undefined;
          if (orig) {
            names.push(orig.text);
            if (level === 0) this.importedFrom.set(alias ?? orig.text, `${name}.${orig.text}`);
          }
        }
        if (c.namedChildren.some((x) => x.type === 'wildcard_import')) names.push('*');
        facts.imports.push({ name, level, names, line: c.startPosition.row + 1, optional, typing, deferred });
      } else if (c.type === 'try_statement') {
        const guards = c.namedChildren.some((h) => h.type === 'except_clause' && (isBareExcept(h) || exceptCatches(h).some((x) => IMPORT_GUARD.test(x))));
        this.importWalk(c, optional || guards, typing, deferred);
      } else if (c.type === 'if_statement' && OPTIONAL_IMPORT_CONDITION.test(c.childForFieldName('condition')?.text ?? '')) {
        // `if has_simplejson:` / `if importlib.util.find_spec("x"):` guards an optional import like try/except ImportError.
        this.importWalk(c, true, typing, deferred);
      } else if (c.type === 'if_statement' && TYPE_CHECKING.test(c.childForFieldName('condition')?.text ?? '')) {
        const cons = c.childForFieldName('consequence');
        if (cons) this.importWalk(cons, optional, true, deferred);
      } else if (c.type.endsWith('statement') || c.type.endsWith('definition') || c.type.endsWith('clause') || c.type === 'block') {
        this.importWalk(c, optional, typing, deferred || c.type === 'function_definition');
      }
    }
  }

  resolveCallee(fn: SyntaxNode | null): string | null {
    const d = dottedName(fn);
    if (!d) return null;
    const dot = d.indexOf('.');
    const origin = this.importedFrom.get(dot < 0 ? d : d.slice(0, dot));
    return origin !== undefined ? origin + (dot < 0 ? '' : d.slice(dot)) : d;
  }

  envCall(call: SyntaxNode, callee: string, positional: SyntaxNode[], keywords: Map<string, SyntaxNode>): void {
    if (OS_ENV_CALL.test(callee)) {
      this.envRead(call, positional[0], positional[1] ?? keywords.get('default'), callee.includes('getenv') ? 'os.getenv' : 'os.environ');
      return;
    }
    if (callee === 'decouple.config' || (callee === 'config' && this.importsTop.has('decouple')) || callee === 'decouple.AutoConfig') {
      this.envRead(call, positional[0], keywords.get('default') ?? positional[1], 'decouple');
      return;
    }
    if (this.envObjects.size === 0) return;
    const parts = callee.split('.');
    if (this.envObjects.has(parts[0]!) && (parts.length === 1 || (parts.length === 2 && ENV_TYPED_METHODS.has(parts[1]!)))) {
      this.envRead(call, positional[0], keywords.get('default') ?? positional[1], 'django-environ');
    }
  }

  envRead(call: SyntaxNode, nameNode: SyntaxNode | undefined, def: SyntaxNode | undefined, via: string): void {
    const name = stringValue(nameNode);
    if (name) this.facts.envReads.push({ name, line: call.startPosition.row + 1, default: literalText(def), via });
  }

  checkCall(call: SyntaxNode): void {
    const facts = this.facts;
    const fn = call.childForFieldName('function');
    const callee = this.resolveCallee(fn);
    const { positional, keywords } = callArgs(call);
    if (callee) {
      this.envCall(call, callee, positional, keywords);
      if (fn?.type === 'identifier' && (callee === 'eval' || callee === 'exec') && !isFileRun(call)) this.smell('health.eval-exec', call);
      if (fn?.type === 'identifier' && callee === 'print' && facts.logs && !this.testFile && !facts.hasMainGuard && !isScriptLike(this.path) && !this.cliModule) {
        this.smell('health.print-in-library', call);
      }
      // Without a dot, `mod` is the callee less its last character, as it always was: it matches none of the modules below.
      const dot = callee.lastIndexOf('.');
      const mod = callee.slice(0, dot);
      const attr = callee.slice(dot + 1);
      if (mod === 'subprocess' && SUBPROCESS_FNS.has(attr) && keywords.get('shell')?.type === 'true') this.smell('health.shell-true', call);
      if (mod === 'os' && (attr === 'system' || attr === 'popen')) this.smell('health.shell-true', call);
      if (PICKLE_MODULES.has(mod) && (attr === 'load' || attr === 'loads' || attr === 'Unpickler')) this.smell('health.pickle-load', call);
      if (mod === 'yaml' && (attr === 'load' || attr === 'load_all')) {
        const loader = keywords.get('Loader') ?? positional[1];
        if (!loader || !SAFE_YAML_LOADERS.test(dottedName(loader) ?? '')) this.smell('health.yaml-unsafe-load', call);
      }
      if (mod === 'yaml' && (attr === 'unsafe_load' || attr === 'unsafe_load_all')) this.smell('health.yaml-unsafe-load', call);
      if (attr === 'run' && keywords.get('debug')?.type === 'true') this.smell('health.debug-enabled', call);
    }
    if (keywords.get('verify')?.type === 'false') this.smell('health.tls-verify-disabled', call);
    const first = positional[0];
    // Values passed as parameters beside built SQL: the formatting splices query structure (a subquery, a table), not input.
    if (first && positional.length < 2 && !keywords.has('params') && isSqlSink(fn, callee, this.importsTop) && (isBuiltSql(first) || (first.type === 'identifier' && this.builtSql.has(`${this.scope()}:${first.text}`)))) {
      this.smell('health.sql-injection', call);
    }
    if (callee && WEAK_HASH.test(callee) && PASSWORD_WORD.test(call.childForFieldName('arguments')?.text ?? '')) {
      if (!callee.endsWith('new') || WEAK_HASH_NAME.test(first?.text ?? '')) this.smell('health.weak-password-hash', call);
    }
    if (callee && REQUESTS_CALL.test(callee) && !keywords.has('timeout') && !call.text.includes('**')) this.smell('health.http-no-timeout', call);
    if (callee && HTTPX_CALL.test(callee) && keywords.get('timeout')?.type === 'none') this.smell('health.http-no-timeout', call);
    if (this.kinds[this.kinds.length - 1] === 'async' && callee && BLOCKING_CALLS.test(callee) && (callee !== 'open' || fn?.type === 'identifier')) this.smell('health.blocking-in-async', call);
    const logCall = isLoggerCall(fn);
    if (logCall) {
      const handler = this.handlers[this.handlers.length - 1];
      const args = call.childForFieldName('arguments');
      // A specific exception caught needs no traceback: its type says what happened (`except Group.DoesNotExist:
      // log.error("no group")`, `except InvalidCondition as e: log.error(f"… {e}")`). One that catches everything
      // throws away where it came from.
      const losesTrace = handler && handler.broad && !handler.keepsTrace;
      if (handler && losesTrace && !handler.reraises && (logCall.method === 'error' || logCall.method === 'critical') && !keywords.has('exc_info') && !keywords.has('stack_info')) {
        this.smell('health.log-without-traceback', call);
      }
      if (args && sensitiveName(args)) this.smell('health.secret-in-log', call);
    }
    if (callee && LOGGING_CONFIG.test(callee)) facts.configuresLogging = true;
  }

  checkParams(def: SyntaxNode): void {
    const params = def.childForFieldName('parameters');
    for (const p of params?.namedChildren ?? []) {
      if (p.type !== 'default_parameter' && p.type !== 'typed_default_parameter') continue;
      const v = p.childForFieldName('value');
      if (!v) continue;
      const mutable =
        v.type === 'list' || v.type === 'dictionary' || v.type === 'set' || v.type === 'list_comprehension' || v.type === 'dictionary_comprehension' || v.type === 'set_comprehension' ||
        (v.type === 'call' && MUTABLE_FACTORY.test(dottedName(v.childForFieldName('function')) ?? ''));
      if (mutable) this.smell('health.mutable-default', p);
    }
  }

  /** pydantic BaseSettings: each annotated field is an env var, upper-cased, with a literal env_prefix. */
  settingsClass(cls: SyntaxNode): void {
    const body = cls.childForFieldName('body');
    if (!body) return;
    let prefix = '';
    for (const s of body.namedChildren) {
      const a = s.type === 'expression_statement' ? s.namedChild(0) : null;
      if (a?.type === 'assignment' && a.childForFieldName('left')?.text === 'model_config') {
        const right = a.childForFieldName('right');
        if (right?.type === 'call') prefix = stringValue(callArgs(right).keywords.get('env_prefix')) ?? prefix;
        else if (right?.type === 'dictionary') {
          for (const pair of right.namedChildren) {
            if (pair.type === 'pair' && stringValue(pair.childForFieldName('key')) === 'env_prefix') prefix = stringValue(pair.childForFieldName('value')) ?? prefix;
          }
        }
      }
      if (s.type === 'class_definition' && s.childForFieldName('name')?.text === 'Config') {
        for (const cs of s.childForFieldName('body')?.namedChildren ?? []) {
          const ca = cs.type === 'expression_statement' ? cs.namedChild(0) : null;
          if (ca?.type === 'assignment' && ca.childForFieldName('left')?.text === 'env_prefix') prefix = stringValue(ca.childForFieldName('right')) ?? prefix;
        }
      }
    }
    for (const s of body.namedChildren) {
      const a = s.type === 'expression_statement' ? s.namedChild(0) : null;
      if (a?.type !== 'assignment' || !a.childForFieldName('type')) continue;
      const left = a.childForFieldName('left');
      if (left?.type !== 'identifier' || left.text === 'model_config' || left.text.startsWith('_')) continue;
      const right = a.childForFieldName('right');
      let def: string | null = literalText(right);
      let name = (prefix + left.text).toUpperCase();
      if (right?.type === 'call' && FIELD_CALL.test(dottedName(right.childForFieldName('function')) ?? '')) {
        const { positional, keywords } = callArgs(right);
        def = literalText(keywords.get('default') ?? positional[0]);
        const alias = stringValue(keywords.get('env') ?? keywords.get('validation_alias') ?? keywords.get('alias'));
        if (alias) name = alias.toUpperCase();
      }
      this.facts.envReads.push({ name, line: a.startPosition.row + 1, default: def, via: 'pydantic' });
    }
  }

  assignment(node: SyntaxNode): void {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    const topLevel = this.scopeStack.length === 0;
    if (right?.type === 'call' && left?.type === 'identifier' && ENV_CLASS.test(this.resolveCallee(right.childForFieldName('function')) ?? '') && this.importsTop.has('environ')) {
      this.envObjects.add(left.text);
    }
    if (this.settingsFile && topLevel && left?.text === 'DEBUG' && right?.type === 'true') this.smell('health.debug-enabled', node);
    if (this.settingsFile && topLevel && left?.text === 'ALLOWED_HOSTS' && (right?.type === 'list' || right?.type === 'tuple') && right.namedChildren.some((c) => stringValue(c) === '*')) {
      this.smell('health.allowed-hosts-wildcard', node);
    }
    if (topLevel && left?.text === 'LOGGING' && right?.type === 'dictionary') this.facts.configuresLogging = true;
    if (left?.type === 'identifier' && right && isBuiltSql(right)) this.builtSql.add(`${this.scope()}:${left.text}`);
    if (topLevel && left?.type === 'identifier' && right && UPPER_NAME.test(left.text)) collectStringRefs(right, APP_LISTS.test(left.text), this.stringRefs);
  }

  subscript(node: SyntaxNode): void {
    const d = this.resolveCallee(node.childForFieldName('value'));
    if (d !== 'os.environ') return;
    const name = stringValue(node.childForFieldName('subscript'));
    // A store (`os.environ["X"] = …`) sets a variable; only reads are configuration.
    const parent = node.parent;
    const isStore = parent?.type === 'assignment' && parent.childForFieldName('left') === node;
    if (name && isStore) (this.facts.envWrites ??= []).push(name);
    else if (name) this.facts.envReads.push({ name, line: node.startPosition.row + 1, default: null, via: 'os.environ' });
  }

  exceptClause(node: SyntaxNode): void {
    // A bare except that re-raises (cleanup, then `raise`) lets Ctrl-C and SystemExit through.
    if (isBareExcept(node) && !BARE_RAISE.test(node.text)) this.smell('health.bare-except', node.children[0] ?? node);
    else if (exceptCatches(node).some((x) => x === 'Exception' || x === 'BaseException') && isEmptyBody(node.namedChildren.find((c) => c.type === 'block')) && !isDeliberateSwallow(node)) {
      this.smell('health.swallowed-exception', node);
    }
    const caught = exceptCatches(node);
    this.handlers.push({
      reraises: RAISE.test(node.text),
      broad: isBareExcept(node) || caught.some((x) => x === 'Exception' || x === 'BaseException'),
      // The handler keeps the traceback another way (format_exc into a job log, print_exc).
      keepsTrace: KEEPS_TRACE.test(node.text),
    });
    this.visitChildren(node);
    this.handlers.pop();
  }

  functionDefinition(node: SyntaxNode): void {
    this.checkParams(node);
    const name = node.childForFieldName('name')?.text ?? '';
    const top = this.kinds[this.kinds.length - 1];
    if (this.testFile && name.startsWith('test') && (top === undefined || top === 'test-class')) this.facts.testFunctions++;
    this.scopeStack.push(name);
    this.kinds.push(ASYNC_DEF.test(node.text) ? 'async' : 'function');
    // A handler's scope ends at a nested function: its body runs later, outside the except.
    const outer = this.handlers;
    this.handlers = [];
    const body = node.childForFieldName('body');
    if (body) this.visit(body);
    this.handlers = outer;
    this.scopeStack.pop();
    this.kinds.pop();
    // Decorators sit on the parent decorated_definition; parameters are checked above.
  }

  classDefinition(node: SyntaxNode): void {
    const name = node.childForFieldName('name')?.text ?? '';
    const bases = classBases(node);
    if (bases.includes('BaseSettings')) this.settingsClass(node);
    // pytest collects `Test*` classes; unittest collects TestCase subclasses.
    const isTestClass = this.testFile && (name.startsWith('Test') || bases.some((b) => b.endsWith('TestCase')));
    this.scopeStack.push(name);
    this.kinds.push(isTestClass ? 'test-class' : 'class');
    const body = node.childForFieldName('body');
    if (body) this.visit(body);
    this.scopeStack.pop();
    this.kinds.pop();
  }

  visit(node: SyntaxNode): void {
    switch (node.type) {
      case 'assignment':
        this.assignment(node);
        break;
      case 'subscript':
        this.subscript(node);
        break;
      case 'call':
        this.checkCall(node);
        break;
      case 'except_clause':
        this.exceptClause(node);
        return;
      case 'assert_statement': {
        // `assert isinstance(x, T)` and `assert x is not None` narrow types for a checker; they validate no input.
        const cond = node.namedChild(0)?.text ?? '';
        if (!this.testFile && !TYPE_NARROWING.test(cond)) this.smell('health.assert-validation', node);
        break;
      }
      case 'decorator': {
        const d = node.namedChild(0);
        const m = PYTEST_MARK.exec(dottedName(d?.type === 'call' ? d.childForFieldName('function') : d) ?? '');
        if (m) this.markers.add(m[1]!);
        break;
      }
      case 'function_definition':
        this.functionDefinition(node);
        return;
      case 'class_definition':
        this.classDefinition(node);
        return;
    }
    this.visitChildren(node);
  }

  visitChildren(node: SyntaxNode): void {
    // Indexed: a for-of here made an iterator and a result object per node.
    const children = node.namedChildren;
    for (let i = 0; i < children.length; i++) this.visit(children[i]!);
  }
}
