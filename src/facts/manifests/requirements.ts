import path from 'node:path';
import { normalizeName } from './names.js';
import { fromRequirement, kindOfUrl, nameFromUrl, parseRequirement } from './requirement.js';
import type { ManifestParser, ParseContext, ParsedDependency, ParseResult } from './types.js';
import { basename, dirname, emptyResult } from './types.js';

// pip-compile inputs are `*.in`; these are other tools' templates that share the extension.
const NOT_REQUIREMENTS_IN = /^(manifest|makefile|configure|setup|config)\.in$/i;

export function isRequirementsPath(p: string): boolean {
  const base = basename(p).toLowerCase();
  if (base.endsWith('.txt')) return base.includes('requirements') || /(^|\/)requirements\//i.test(p);
  return /^[a-z0-9_-]+\.in$/.test(base) && !NOT_REQUIREMENTS_IN.test(base);
}

/** `requirements-dev.txt`, `dev-requirements.txt`, `requirements/test.in` → dev, dev, test; base/prod → main. */
export function groupFromFileName(p: string): string {
  const stem = basename(p).toLowerCase().replace(/\.(txt|in)$/, '');
  let token: string | undefined;
  const m = /^requirements[-_.](.+)$/.exec(stem) ?? /^(.+?)[-_.]requirements$/.exec(stem);
  if (m) token = m[1];
  else if (stem !== 'requirements' && /(^|\/)requirements\/[^/]+$/i.test(p)) token = stem;
  if (!token || /^(base|common|main|prod|production|default|core|lock|locked|all)$/.test(token)) return 'main';
  return token;
}

/** pip's logical lines: a trailing backslash continues the line; a comment ends it. */
function logicalLines(text: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  const raw = text.split(/\r?\n/);
  let buf = '';
  let start = 0;
  for (let i = 0; i < raw.length; i++) {
    let l = raw[i]!;
    if (!buf) start = i + 1;
    l = l.replace(/(^|\s)#.*$/, '');
    if (l.endsWith('\\')) {
      buf += l.slice(0, -1) + ' ';
      continue;
    }
    buf += l;
    if (buf.trim()) out.push({ text: buf.trim(), line: start });
    buf = '';
  }
  if (buf.trim()) out.push({ text: buf.trim(), line: start });
  return out;
}

const OPTION_RE = /^(-r|--requirement|-c|--constraint|-e|--editable)(?:\s*=\s*|\s+|(?<=^-[rce]))(\S.*)$/;
const URLISH = /^([a-z][a-z0-9+.-]*:\/\/|file:|\.{1,2}(\/|$|\[)|\/|~)/i;
const ARCHIVE = /\.(whl|tar\.gz|tgz|tar\.bz2|zip)$/i;

interface Walk {
  ctx: ParseContext;
  result: ParseResult;
  /** Files on the current include chain, for cycle detection. */
  stack: string[];
}

function parseFile(text: string, file: string, group: string, constraint: boolean, w: Walk): void {
  const { result } = w;
  const at = file === w.stack[0] ? {} : { path: file };
  for (const { text: l, line } of logicalLines(text)) {
    const opt = OPTION_RE.exec(l);
    if (opt) {
      const flag = opt[1]!;
      const value = opt[2]!.trim();
      if (flag === '-e' || flag === '--editable') {
        addUrlish(value, line, file, group, true, w);
        continue;
      }
      include(value, line, file, group, flag === '-c' || flag === '--constraint' || constraint, w);
      continue;
    }
    if (l.startsWith('-')) {
      result.skipped.push({ line, reason: `option line: ${l.split(/\s/)[0]}`, ...at });
      continue;
    }
    // Per-requirement options (--hash, --config-settings…) follow the requirement.
    const req = l.split(/\s+--?[A-Za-z]/)[0]!.trim();
    if (URLISH.test(req) || (ARCHIVE.test(req.split(';')[0]!.trim()) && !req.includes('@'))) {
      addUrlish(req, line, file, group, false, w);
      continue;
    }
    const r = parseRequirement(req);
    if (r instanceof Error) {
      result.errors.push({ line, reason: r.message, ...at });
      continue;
    }
    const dep: ParsedDependency = {
      ...fromRequirement(r),
      group,
      line,
      ...at,
      ...(constraint ? { constraint: true } : {}),
    };
    result.dependencies.push(dep);
  }
}

/** `-e …`, a bare URL or a local path: named by `#egg=` or the archive name, else by the folder. */
function addUrlish(value: string, line: number, file: string, group: string, editable: boolean, w: Walk): void {
  const at = file === w.stack[0] ? {} : { path: file };
  let url = value;
  let markers: string | null = null;
  const semi = /\s;\s*/.exec(value);
  if (semi) {
    url = value.slice(0, semi.index).trim();
    markers = value.slice(semi.index + semi[0].length).trim() || null;
  }
  // `-e name @ url` and `-e path[extras]` also occur.
  const named = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*@\s*(\S+)$/.exec(url);
  const target = named ? named[2]! : url.replace(/\[[^\]]*\]$/, '');
  const fromUrl = named ? { name: named[1]!, version: null } : nameFromUrl(target);
  const kind = kindOfUrl(target);
  let name = fromUrl?.name;
  if (!name && kind === 'path') {
    const p = target.replace(/^file:(\/\/)?/, '').replace(/\/+$/, '');
    if (p === '.' || p === '') {
      w.result.skipped.push({ line, reason: 'the project itself (install of ".")', ...at });
      return;
    }
    name = path.posix.basename(p);
  }
  if (!name) {
    w.result.errors.push({ line, reason: `cannot tell the package name of ${target} (add #egg=name)`, ...at });
    return;
  }
  const version = fromUrl?.version ?? null;
  w.result.dependencies.push({
    name: normalizeName(name),
    specifier: value,
    version,
    kind: editable ? 'editable' : kind,
    group,
    line,
    markers,
    ...at,
  });
}

function include(target: string, line: number, file: string, group: string, constraint: boolean, w: Walk): void {
  const at = file === w.stack[0] ? {} : { path: file };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
    w.result.skipped.push({ line, reason: `remote include not fetched (no network): ${target}`, ...at });
    return;
  }
  const rel = path.posix.isAbsolute(target) ? target : path.posix.normalize(path.posix.join(dirname(file), target));
  if (w.stack.includes(rel)) {
    w.result.errors.push({ line, reason: `include cycle: ${[...w.stack.slice(w.stack.indexOf(rel)), rel].join(' → ')}`, ...at });
    return;
  }
  if (w.ctx.parsed.has(rel)) return;
  const r = w.ctx.read(rel);
  if ('error' in r) {
    w.result.errors.push({ line, reason: `cannot read included file ${rel}: ${r.error}`, ...at });
    return;
  }
  w.ctx.parsed.add(rel);
  (w.result.includes ??= []).push(rel);
  const own = groupFromFileName(rel);
  w.stack.push(rel);
  parseFile(r.text, rel, own === 'main' ? group : own, constraint, w);
  w.stack.pop();
}

export const requirementsParser: ManifestParser = {
  id: 'requirements',
  matches: isRequirementsPath,
  parse(text, file, ctx) {
    const w: Walk = { ctx, result: emptyResult(), stack: [file] };
    ctx.parsed.add(file);
    parseFile(text, file, groupFromFileName(file), false, w);
    return w.result;
  },
};
