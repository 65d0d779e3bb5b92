import path from 'node:path';

/**
 * How a file writes `name = value`, which decides what counts as a literal. In Python an unquoted
 * right-hand side is code (`password = get_password()`); in .env, YAML, INI or shell it is the value.
 */
export type FileKind = 'python' | 'env' | 'yaml' | 'json' | 'ini' | 'shell' | 'lock' | 'other';

const LOCK_FILES = new Set([
  'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'poetry.lock', 'pipfile.lock',
  'uv.lock', 'pdm.lock', 'cargo.lock', 'composer.lock', 'gemfile.lock', 'go.sum', 'bun.lock', 'flake.lock',
  'conda-lock.yml', 'pixi.lock',
]);

const BY_EXT: Record<string, FileKind> = {
  '.py': 'python', '.pyi': 'python', '.pyw': 'python', '.pyx': 'python',
  '.env': 'env',
  '.yml': 'yaml', '.yaml': 'yaml',
  '.json': 'json', '.jsonc': 'json',
  '.ini': 'ini', '.cfg': 'ini', '.conf': 'ini', '.toml': 'ini', '.properties': 'ini', '.cnf': 'ini',
  '.sh': 'shell', '.bash': 'shell', '.zsh': 'shell', '.ksh': 'shell',
};

const BY_NAME: Record<string, FileKind> = {
  '.env': 'env', '.envrc': 'env', '.flaskenv': 'env',
  '.pypirc': 'ini', '.npmrc': 'ini', '.netrc': 'ini', 'credentials': 'ini', 'pip.conf': 'ini', '.pgpass': 'ini',
  'dockerfile': 'shell', 'makefile': 'shell', 'procfile': 'shell',
};

export function fileKind(relPath: string): FileKind {
  const base = path.posix.basename(relPath).toLowerCase();
  if (LOCK_FILES.has(base) || base.endsWith('.lock')) return 'lock';
  const byName = BY_NAME[base];
  if (byName) return byName;
  // .env.production, .env.local, prod.env
  if (base.startsWith('.env.') || base.startsWith('env.')) return 'env';
  if (base.startsWith('dockerfile')) return 'shell';
  return BY_EXT[path.posix.extname(base)] ?? 'other';
}

/** Kinds where an unquoted right-hand side is a literal value. */
export function unquotedIsLiteral(kind: FileKind): boolean {
  return kind === 'env' || kind === 'yaml' || kind === 'ini' || kind === 'shell';
}
