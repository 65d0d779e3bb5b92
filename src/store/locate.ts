import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, type PyvetConfig } from '../config/config.js';
import { repoInfo } from '../sources/git.js';
import { resolveWritableInside } from '../sources/read.js';
import { defaultStorePath, repoIdentity } from './index.js';
import { resolveStoreSpec } from './open.js';

/**
 * The store a config names, if it may be used: a file the user named with --config is trusted; the
 * scanned repository's own config loses to $PYVET_STORE and may name only a file inside the
 * repository (a hostile `store = "../../x.db"` must not create folders and write elsewhere).
 * `warning` says why a named store was not used.
 */
export function configuredStore(root: string, cfg: PyvetConfig, env: NodeJS.ProcessEnv): { file: string | null; warning?: string } {
  if (!cfg.store) return { file: null };
  if (!cfg.fromRepository) return { file: resolveStoreSpec(root, cfg.store) };
  if (env.PYVET_STORE) return { file: null };
  const r = resolveWritableInside(root, cfg.store);
  if ('abs' in r) return { file: r.abs };
  return { file: null, warning: `${cfg.source ?? 'config'}: store = "${cfg.store}" is not inside the scanned repository (${r.error}); the default history database is used` };
}

/** Which store a command reads and which repository in it: --store, else the config's `store` (see configuredStore), else the default path. */
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
  const cfgStore = !store && exists ? configuredStore(root, loadConfig(root, opts.config ? path.resolve(cwd, opts.config) : undefined), env).file : null;
  const file = store ? resolveStoreSpec(cwd, store) : (cfgStore ?? defaultStorePath(env));
  return { file, root, key: repoIdentity(root, exists ? repoInfo(root) : null) };
}
