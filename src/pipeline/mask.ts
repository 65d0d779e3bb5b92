import type { ScanReport } from '../core/report.js';
import { maskUrlUserinfo } from '../core/url.js';
import { maskSecrets } from '../secrets/mask.js';

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
  const seen = new Map<string, string>();
  const mask = (s: string): string => {
    let out = seen.get(s);
    if (out === undefined) {
      out = maskSecrets(maskUrlUserinfo(s));
      seen.set(s, out);
    }
    return out;
  };
  const visit = (v: unknown): unknown => {
    if (typeof v === 'string') return mask(v);
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
