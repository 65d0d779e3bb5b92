import type { PyNode as SyntaxNode } from './tree.js';
import { dottedName } from './literals.js';

/** Words that make a string SQL rather than any text. */
const SQL_WORDS = /\b(select\s[\s\S]*\sfrom|insert\s+into|update\s+\S+\s+set|delete\s+from|drop\s+(table|database)|alter\s+table|create\s+table|where\s)/i;

/** A string built at run time: an f-string with a field, `"…" % x`, `"…".format(x)`, or `"…" + x`. */
function isBuilt(node: SyntaxNode): boolean {
  switch (node.type) {
    case 'string':
      return node.namedChildren.some((c) => c.type === 'interpolation');
    case 'concatenated_string':
      return node.namedChildren.some(isBuilt);
    case 'binary_operator': {
      const op = node.childForFieldName('operator')?.text;
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (op === '%') return left?.type === 'string' || left?.type === 'concatenated_string';
      if (op === '+') return [left, right].some((s) => s && (s.type === 'string' || s.type === 'concatenated_string' || s.type === 'binary_operator' || isBuilt(s)));
      return false;
    }
    case 'call': {
      const fn = node.childForFieldName('function');
      return fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'format' && /^(string|concatenated_string)$/.test(fn.childForFieldName('object')?.type ?? '');
    }
    case 'parenthesized_expression':
      return node.namedChildren.some(isBuilt);
    default:
      return false;
  }
}

/** SQL text assembled from values at run time (the shape of an injection), not a parameterised query. */
export function isBuiltSql(node: SyntaxNode | undefined): boolean {
  return !!node && isBuilt(node) && SQL_WORDS.test(node.text);
}

/** Methods and functions that run the SQL text they are given. */
const SQL_METHODS = new Set(['execute', 'executemany', 'executescript', 'raw', 'mogrify']);
const SQL_FUNCTIONS = /^(sqlalchemy\.(sql\.(expression\.)?)?text|sa\.text|text|RawSQL|django\.db\.models(\.expressions)?\.RawSQL)$/;

export function isSqlSink(fn: SyntaxNode | null, callee: string | null, imports: ReadonlySet<string | undefined>): boolean {
  if (fn?.type === 'attribute' && SQL_METHODS.has(fn.childForFieldName('attribute')?.text ?? '')) return true;
  if (!callee || !SQL_FUNCTIONS.test(callee)) return false;
  // A bare `text(...)` is SQLAlchemy's only when the module uses SQLAlchemy.
  return callee !== 'text' || imports.has('sqlalchemy') || imports.has('sqlmodel');
}

/** Names that hold a secret or personal data: logging them writes it to every log sink. */
// A bare `token` is as often an identifier (a checkout or payment token) as a credential: only the credential kinds count.
const SENSITIVE = /^_*(password|passwd|pwd|pass_?phrase|secret|client_secret|secret_key|api_?key|access_?key|private_?key|access_token|refresh_token|auth_token|api_token|id_token|bearer_token|credit_?card|card_?number|cvv|ssn|social_security)$/i;

/** The first sensitive name (identifier or attribute) an expression reads, outside string literals' text. */
export function sensitiveName(node: SyntaxNode): string | null {
  if (node.type === 'identifier' && SENSITIVE.test(node.text)) return node.text;
  if (node.type === 'attribute') {
    const attr = node.childForFieldName('attribute')?.text ?? '';
    if (SENSITIVE.test(attr)) return node.text;
  }
  if (node.type === 'keyword_argument') {
    const v = node.childForFieldName('value');
    return v ? sensitiveName(v) : null;
  }
  // A call's result (`len(password)`, `mask(token)`) is derived, not the secret itself.
  if (node.type === 'call') return null;
  for (const c of node.namedChildren) {
    const hit = sensitiveName(c);
    if (hit) return hit;
  }
  return null;
}

/** Receivers that are loggers: `log`, `logger`, `self.logger`, `app.logger`, `logging`, `LOG`. */
export function isLoggerCall(fn: SyntaxNode | null): { method: string } | null {
  if (fn?.type !== 'attribute') return null;
  const method = fn.childForFieldName('attribute')?.text ?? '';
  if (!/^(debug|info|warning|warn|error|exception|critical|fatal|log)$/.test(method)) return null;
  const obj = dottedName(fn.childForFieldName('object')) ?? '';
  return /(^|\.)(_*log(ger)?|_*LOG(GER)?|logging|structlog)$/i.test(obj) ? { method } : null;
}

/** Calls that block the event loop when made inside `async def`. */
export const BLOCKING_CALLS = /^(time\.sleep|requests\.(get|post|put|patch|delete|head|options|request)|urllib\.request\.urlopen|urlopen|subprocess\.(run|call|check_call|check_output)|os\.system|open|psycopg2\.connect|sqlite3\.connect|pymysql\.connect)$/;
