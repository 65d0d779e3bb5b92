/**
 * What a file is, as a reviewer sorts a repository before reading a line. Every analyzer reads a file's
 * role instead of guessing from its path again; severity and scoring depend on it.
 */
export const FILE_ROLES = [
  'production', 'test', 'fixture', 'docs', 'example', 'ci', 'build', 'lock',
  'migration', 'generated', 'vendored', 'notebook', 'script', 'config',
] as const;

export type FileRole = (typeof FILE_ROLES)[number];

export function isFileRole(s: string): s is FileRole {
  return (FILE_ROLES as readonly string[]).includes(s);
}

/**
 * Roles whose contents are not the shipped system: a problem there is reported for the record (at
 * `info`/`low`) and never moves a score. Tests themselves are judged by the tests checks.
 */
const NOT_SHIPPED: ReadonlySet<FileRole> = new Set(['test', 'fixture', 'docs', 'example', 'vendored', 'generated', 'notebook']);

export function isShipped(role: FileRole): boolean {
  return !NOT_SHIPPED.has(role);
}
