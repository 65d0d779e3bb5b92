import { categoryOf } from '../core/finding.js';
import { atOrAbove } from '../core/severity.js';
import { DEFAULT_MAX_FILE_SIZE, defaultConfig, type PyvetConfig } from './config.js';

/** Rule families a scanned repository may not silence in its own config: it would be judging itself. */
const GUARDED = ['secret', 'deps'] as const;

/** Whether a `disable` entry (exact id, `family`, `family.sub`, or `prefix*`) reaches a guarded rule. */
function silencesGuarded(entry: string): boolean {
  if (entry.endsWith('*')) {
    const p = entry.slice(0, -1);
    return GUARDED.some((g) => g.startsWith(p) || p.startsWith(g));
  }
  return GUARDED.some((g) => entry === g || entry.startsWith(`${g}.`) || (g === 'secret' && entry === 'secrets'));
}

/**
 * Limit what the scanned repository's own config may do (a hostile repository writes it): caps may
 * only go down, and it may not turn detection off — no raised `max-file-size`, no `fail-on` laxer than
 * the default, no disabled or re-graded secrets or dependency rules. Each refused setting is reset to
 * its default and a message naming what was asked is added to `cfg.refused` (and returned). `db` and `store` have their own checks
 * (analyze.ts, store/locate.ts). A config the user names, or `--trust-repo-config`, is not limited.
 */
export function limitRepoConfig(cfg: PyvetConfig): string[] {
  if (!cfg.fromRepository) return [];
  const hint = '(pass --trust-repo-config to use it)';
  const refused = cfg.refused;
  const defaults = defaultConfig();
  if (cfg.maxFileSize > DEFAULT_MAX_FILE_SIZE) {
    refused.push(`max-file-size = ${cfg.maxFileSize} raises the ${DEFAULT_MAX_FILE_SIZE}-byte cap; the scanned repository's config may only lower it ${hint}`);
    cfg.maxFileSize = DEFAULT_MAX_FILE_SIZE;
  }
  if (cfg.failOn === 'none' || !atOrAbove(defaults.failOn as Exclude<typeof cfg.failOn, 'none'>, cfg.failOn)) {
    refused.push(`fail-on = "${cfg.failOn}" is laxer than the default "${defaults.failOn}"; not used ${hint}`);
    cfg.failOn = defaults.failOn;
  }
  const silenced = cfg.disable.filter(silencesGuarded);
  if (silenced.length) {
    refused.push(`disable = [${silenced.map((d) => `"${d}"`).join(', ')}] would silence secrets or dependency rules; not used ${hint}`);
    cfg.disable = cfg.disable.filter((d) => !silencesGuarded(d));
  }
  const regraded = Object.keys(cfg.severity).filter((rule) => categoryOf(rule) !== 'health');
  if (regraded.length) {
    refused.push(`severity overrides for ${regraded.join(', ')} (secrets or dependency rules) not used ${hint}`);
    for (const rule of regraded) delete cfg.severity[rule];
  }
  return refused;
}
