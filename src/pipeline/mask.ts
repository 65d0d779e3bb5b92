import type { ScanReport } from '../core/report.js';
import { maskUrlUserinfo } from '../core/url.js';
import { maskSecrets } from '../secrets/mask.js';
import { holdingAnchors } from '../secrets/detect.js';

/** Fields that are identities, not text from the repository: masking them would break baselines and diffs. */
const KEEP = new Set(['fingerprint', 'commit', 'rule', 'severity', 'scannedAt']);

/**
 * The one mask every output goes through: each string of the report document — finding messages
 * and evidence, dependency specifiers, env defaults, brief entries, errors, history — is run through
 * the secret detectors and URL userinfo stripping. Called once by runScan on the assembled report,
 * so every format, the history store and the dashboard see only masked text, whichever analyzer
 * quoted the source. Changes the report in place.
 */
export function maskReport(report: ScanReport): void {
  const changed = maskPlan(report, KEEP);
  if (!changed.size) return;
  const visit = (v: unknown): unknown => {
    if (typeof v === 'string') return changed.get(v) ?? v;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) v[i] = visit(v[i]);
      return v;
    }
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      for (const k of Object.keys(o)) if (!KEEP.has(k)) o[k] = visit(o[k]);
    }
    return v;
  };
  visit(report);
}

/**
 * The JSON of a part of a report as the mask step leaves it, for the cache (which never holds a secret
 * the report would not show). With `keepPaths`, paths stay as they are (as the cache's packs keep them):
 * a finding's path decides its role before the report is masked, so findings are cached that way and
 * masked with the report; a part that is never read before the mask (a health review, a brief) is
 * cached exactly as the report will show it.
 */
export function maskedJson(value: unknown, opts: { keepPaths: boolean }): string {
  const keep = opts.keepPaths ? new Set([...KEEP, 'path']) : KEEP;
  const changed = maskPlan(value, keep);
  if (!changed.size) return JSON.stringify(value);
  return JSON.stringify(value, (k, v: unknown) => (typeof v === 'string' && !keep.has(k) ? changed.get(v) ?? v : v));
}

/** Each distinct string of `value` (outside `keep` fields) that the mask changes, with what it becomes. */
function maskPlan(value: unknown, keep: ReadonlySet<string>): Map<string, string> {
  // Every distinct string once; the detectors run only on those holding one of their anchors.
  const seen = new Set<string>();
  const collect = (v: unknown): void => {
    if (typeof v === 'string') seen.add(v);
    else if (typeof v !== 'object' || v === null) return;
    else if (Array.isArray(v)) for (let i = 0; i < v.length; i++) collect(v[i]);
    else {
      // for…in: no array of keys per object (a report has ~100,000 objects); the report's are plain, nothing inherited.
      const o = v as Record<string, unknown>;
      for (const k in o) if (!keep.has(k)) collect(o[k]);
    }
  };
  collect(value);
  const texts = [...seen];
  const anchored = holdingAnchors(texts);
  const changed = new Map<string, string>();
  texts.forEach((s, i) => {
    const url = maskUrlUserinfo(s);
    const out = anchored.has(i) ? maskSecrets(url) : url;
    if (out !== s) changed.set(s, out);
  });
  return changed;
}
