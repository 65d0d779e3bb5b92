import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/config.js';
import { repoInfo } from '../sources/git.js';
import { defaultStorePath, repoIdentity } from './index.js';
import { resolveStoreSpec } from './open.js';

/** Which store a command reads and which repository in it: --store, else the config's `store` (relative to the root), else the default path. */
export function locateHistory(
  cwd: string,
  env: NodeJS.ProcessEnv,
  target: string | undefined,
  opts: { store?: string; config?: string },
): { file: string; root: string; key: string } {
  const { store } = opts;
  const root = path.resolve(cwd, target ?? '.');
  // A folder that no longer exists can still have history: its identity is then its path.
  const exists = existsSync(root);
  const cfgStore = !store && exists ? loadConfig(root, opts.config ? path.resolve(cwd, opts.config) : undefined).store : null;
  const file = store ? resolveStoreSpec(cwd, store) : cfgStore ? resolveStoreSpec(root, cfgStore) : defaultStorePath(env);
  return { file, root, key: repoIdentity(root, exists ? repoInfo(root) : null) };
}
