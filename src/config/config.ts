import path from 'node:path';
import { parseToml } from '../core/toml.js';
import { ConfigError } from '../core/errors.js';
import { isSeverity, type FailOn, type Severity } from '../core/severity.js';
import { FILE_ROLES, isFileRole, type FileRole } from '../core/role.js';
import { readSmallFile, resolveInside } from '../sources/read.js';

/** `[tool.pyvet]` of pyproject.toml, or the top level of .pyvet.toml. Keys are kebab-case as in TOML. */
export interface PyvetConfig {
  exclude: string[];
  disable: string[];
  severity: Record<string, Severity>;
  failOn: FailOn;
  weights: Record<string, number>;
  maxFileSize: number;
  db: string | null;
  store: string | null;
  secrets: { baseline: string | null; history: boolean };
  /** `roles = { "glob" = "role" }`: corrections to the file roles pyvet decides, first match wins. */
  roles: { pattern: string; role: FileRole }[];
  /** Where it was read from, or null for defaults. */
  source: string | null;
  /**
   * Read from the scanned repository itself (not a file the user named with --config): it may not
   * make pyvet write outside the repository nor swap the advisory database unasked.
   */
  fromRepository: boolean;
  warnings: string[];
  /** Settings of the scanned repository's own config that were not used (see limitRepoConfig); reported in `errors`. */
  refused: string[];
}

export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

export function defaultConfig(): PyvetConfig {
  return {
    exclude: [],
    disable: [],
    severity: {},
    failOn: 'high',
    weights: {},
    maxFileSize: DEFAULT_MAX_FILE_SIZE,
    db: null,
    store: null,
    secrets: { baseline: null, history: false },
    roles: [],
    source: null,
    fromRepository: false,
    warnings: [],
    refused: [],
  };
}

/** Larger than any hand-written config or pyproject.toml: such a file is refused, not read. */
const CONFIG_CAP = 5 * 1024 * 1024;

const KNOWN_KEYS = ['exclude', 'disable', 'severity', 'fail-on', 'weights', 'max-file-size', 'db', 'store', 'secrets', 'roles'];

function parseSize(v: unknown, where: string): number {
  if (typeof v === 'number' && Number.isFinite(v) && v > 0) return Math.floor(v);
  if (typeof v === 'string') {
    const m = /^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?\s*$/i.exec(v);
    if (m) {
      const unit = (m[2] ?? 'b').toLowerCase()[0];
      const mult = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
      return Math.floor(Number(m[1]) * mult);
    }
  }
  throw new ConfigError(`${where}: max-file-size must be a positive number of bytes or a size like "5MB"`);
}

function stringList(v: unknown, key: string, where: string): string[] {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
    throw new ConfigError(`${where}: ${key} must be a list of strings`);
  }
  return v as string[];
}

/** Validate a raw `[tool.pyvet]` table. Unknown keys warn; wrong types throw ConfigError naming the key. */
export function validateConfig(raw: Record<string, unknown>, where: string): PyvetConfig {
  const cfg = defaultConfig();
  cfg.source = where;
  for (const [key, value] of Object.entries(raw)) {
    switch (key) {
      case 'exclude':
        cfg.exclude = stringList(value, key, where);
        break;
      case 'disable':
        cfg.disable = stringList(value, key, where);
        break;
      case 'severity': {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          throw new ConfigError(`${where}: severity must be a table of rule id = severity`);
        }
        for (const [rule, sev] of Object.entries(value)) {
          if (typeof sev !== 'string' || !isSeverity(sev)) {
            throw new ConfigError(`${where}: severity.${rule} must be one of critical, high, medium, low, info`);
          }
          cfg.severity[rule] = sev;
        }
        break;
      }
      case 'fail-on':
        if (typeof value !== 'string' || !(value === 'none' || isSeverity(value))) {
          throw new ConfigError(`${where}: fail-on must be one of critical, high, medium, low, info, none`);
        }
        cfg.failOn = value as FailOn;
        break;
      case 'weights': {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          throw new ConfigError(`${where}: weights must be a table of category = number`);
        }
        for (const [cat, w] of Object.entries(value)) {
          if (typeof w !== 'number' || w < 0) throw new ConfigError(`${where}: weights.${cat} must be a non-negative number`);
          cfg.weights[cat] = w;
        }
        break;
      }
      case 'max-file-size':
        cfg.maxFileSize = parseSize(value, where);
        break;
      case 'db':
      case 'store':
        if (typeof value !== 'string') throw new ConfigError(`${where}: ${key} must be a path string`);
        cfg[key] = value;
        break;
      case 'secrets': {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          throw new ConfigError(`${where}: secrets must be a table`);
        }
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
          if (k === 'baseline') {
            if (typeof v !== 'string') throw new ConfigError(`${where}: secrets.baseline must be a path string`);
            cfg.secrets.baseline = v;
          } else if (k === 'history') {
            if (typeof v !== 'boolean') throw new ConfigError(`${where}: secrets.history must be true or false`);
            cfg.secrets.history = v;
          } else cfg.warnings.push(`${where}: unknown key secrets.${k} ignored`);
        }
        break;
      }
      case 'roles': {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          throw new ConfigError(`${where}: roles must be a table of "glob" = "role"`);
        }
        for (const [pattern, role] of Object.entries(value)) {
          if (typeof role !== 'string' || !isFileRole(role)) {
            throw new ConfigError(`${where}: roles."${pattern}" must be one of ${FILE_ROLES.join(', ')}`);
          }
          cfg.roles.push({ pattern, role });
        }
        break;
      }
      default:
        cfg.warnings.push(`${where}: unknown key ${key} ignored (known: ${KNOWN_KEYS.join(', ')})`);
    }
  }
  return cfg;
}

/**
 * Load config for a scanned root: an explicit file, else .pyvet.toml, else [tool.pyvet] in pyproject.toml.
 * A config file that is not valid TOML is a ConfigError naming the file and line.
 */
export function loadConfig(root: string, explicit?: string): PyvetConfig {
  const candidates = explicit ? [path.resolve(explicit)] : ['.pyvet.toml', 'pyproject.toml'];
  for (const name of candidates) {
    let file = name;
    if (!explicit) {
      // The repository's own files are read only when they resolve inside it (no link to /dev/zero or ~/.ssh).
      const at = resolveInside(root, name);
      if ('error' in at) {
        if (at.error === 'ENOENT') continue;
        throw new ConfigError(`${name}: ${at.error}`);
      }
      file = at.abs;
    }
    let text: string;
    try {
      text = readSmallFile(file, CONFIG_CAP);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (explicit && code === 'ENOENT') throw new ConfigError(`config file not found: ${explicit}`);
      // A pyproject.toml that cannot be read is the dependency audit's to report; it must not stop the scan.
      if (!explicit && name === 'pyproject.toml') continue;
      throw new ConfigError(`config ${(err as Error).message}`);
    }
    let doc: Record<string, unknown>;
    try {
      doc = parseToml(text) as Record<string, unknown>;
    } catch (err) {
      const e = err as { line?: number; message: string };
      // A broken pyproject.toml is the dependency audit's to report; it must not stop the scan.
      if (path.basename(file) === 'pyproject.toml' && !explicit) continue;
      throw new ConfigError(`${explicit ? file : name}${e.line ? `:${e.line}` : ''}: invalid TOML: ${e.message.split('\n')[0]}`);
    }
    const isPyproject = path.basename(file) === 'pyproject.toml' && !file.endsWith('.pyvet.toml');
    const table = isPyproject ? ((doc.tool as Record<string, unknown> | undefined)?.pyvet as Record<string, unknown> | undefined) : doc;
    if (!table) continue;
    const cfg = validateConfig(table, explicit ? path.relative(root, file) || file : name);
    cfg.fromRepository = !explicit;
    return cfg;
  }
  return defaultConfig();
}
