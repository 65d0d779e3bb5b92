import path from 'node:path';

/**
 * How a file writes `name = value`, which decides what counts as a literal. In Python an unquoted
 * right-hand side is code (`password = get_password()`); in .env, YAML, INI or shell it is the value.
 */
export type FileKind = 'python' | 'env' | 'yaml' | 'json' | 'ini' | 'shell' | 'lock' | 'notebook' | 'text' | 'netrc' | 'pgpass' | 'other';

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
  '.ipynb': 'notebook',
  // Where people paste credentials files and notes: `aws_secret_access_key = …` unquoted.
  '.txt': 'text', '.md': 'text', '.markdown': 'text', '.rst': 'text', '.credentials': 'text', '.bak': 'text', '.old': 'text',
};

const BY_NAME: Record<string, FileKind> = {
  '.env': 'env', '.envrc': 'env', '.flaskenv': 'env',
  '.pypirc': 'ini', '.npmrc': 'ini', '.yarnrc': 'ini', 'credentials': 'ini', 'config': 'ini', 'pip.conf': 'ini', 'pip.ini': 'ini',
  '.netrc': 'netrc', '_netrc': 'netrc', '.pgpass': 'pgpass', 'pgpass.conf': 'pgpass', '.git-credentials': 'text',
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
  const ext = path.posix.extname(base);
  // An extensionless file (`credentials`, `aws_keys`, `secrets`) is read as text: unquoted values count.
  if (!ext || ext === base) return 'text';
  return BY_EXT[ext] ?? 'other';
}

/** Kinds where an unquoted right-hand side is a literal value. */
export function unquotedIsLiteral(kind: FileKind): boolean {
  return kind === 'env' || kind === 'yaml' || kind === 'ini' || kind === 'shell' || kind === 'text';
}
