import type { ScanReport } from '../core/report.js';
import { maskSecrets } from '../secrets/mask.js';

/**
 * Userinfo of any URL (`git+https://TOKEN@github.com/…`, `redis://:PASSWORD@host`): a password is
 * masked whatever its length, a lone user is kept only when it is short (`git@`, `deploy@`) — a
 * long one is a token.
 */
const URL_USERINFO = /([a-z][a-z0-9+.-]*:\/\/)([^\s/@?#"'`<>\\]+)@/gi;

function maskUserinfo(s: string): string {
  if (!s.includes('://')) return s;
  return s.replace(URL_USERINFO, (m, scheme: string, info: string) => {
    const colon = info.indexOf(':');
    if (colon >= 0) return info.slice(colon + 1) === '****' ? m : `${scheme}${info.slice(0, colon)}:****@`;
    return info.length > 16 ? `${scheme}****@` : m;
  });
}

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
      out = maskSecrets(maskUserinfo(s));
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
