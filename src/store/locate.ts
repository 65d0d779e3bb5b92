import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/config.js';
import { repoInfo } from '../sources/git.js';
import { defaultStorePath, repoIdentity } from './index.js';

/** Which store a command reads and which repository in it: --store, else the config's `store`, else the default path. */
export function locateHistory(cwd: string, env: NodeJS.ProcessEnv, target: string | undefined, store: string | undefined): { file: string; root: string; key: string } {
  const root = path.resolve(cwd, target ?? '.');
  // A folder that no longer exists can still have history: its identity is then its path.
  const exists = existsSync(root);
  const cfgStore = !store && exists ? loadConfig(root).store : null;
  const file = store ? path.resolve(cwd, store) : cfgStore ? path.resolve(root, cfgStore) : defaultStorePath(env);
  return { file, root, key: repoIdentity(root, exists ? repoInfo(root) : null) };
}
