import { fingerprint, type Finding } from '../core/finding.js';
import type { ScanError } from '../core/errors.js';
import { bySeverity, type Severity } from '../core/severity.js';
import type { Located } from './index.js';
import type { Dependency, VulnRef } from './types.js';
import type { OsvDatabase } from './osv/database.js';
import type { OsvRecord } from './osv/types.js';
import { aliasGroups, describe } from './osv/advisory.js';
import type { PackageIndex } from './osv/package-index.js';
import { RANGE, UNAUDITED, UNPINNED, VULNERABLE } from './rules.js';

export interface MatchContext {
  errors: ScanError[];
  /** The text of a manifest line, for evidence. */
  lineText?: (path: string, line: number) => string | undefined;
}

const MAX_IDS = 5;

function list(ids: string[]): string {
  return ids.length <= MAX_IDS ? ids.join(', ') : `${ids.slice(0, MAX_IDS).join(', ')} and ${ids.length - MAX_IDS} more`;
}

function worst(sevs: Severity[]): Severity {
  return [...sevs].sort(bySeverity)[0] ?? 'unknown';
}

function toDependency(d: Located): Dependency {
  const dep: Dependency = {
    name: d.name,
    version: d.version,
    specifier: d.specifier,
    kind: d.kind,
    group: d.group,
    path: d.path,
    line: d.line,
    source: d.source,
    vulns: [],
    fix: null,
  };
  if (d.extras?.length) dep.extras = d.extras;
  if (d.markers !== undefined) dep.markers = d.markers;
  if (d.direct !== undefined) dep.direct = d.direct;
  if (d.declared) dep.declared = d.declared;
  return dep;
}

/** One finding per (dependency, merged advisory): records that alias each other are one vulnerability. */
function vulnerableFindings(dep: Dependency, pkg: PackageIndex, records: OsvRecord[], vulns: VulnRef[], evidence: string | undefined): Finding[] {
  const groups = aliasGroups(records);
  const byPrimary = new Map<string, VulnRef[]>();
  for (const v of vulns) {
    const g = groups.get(v.id)!;
    v.group = g.primary;
    const list = byPrimary.get(g.primary);
    if (list) list.push(v);
    else byPrimary.set(g.primary, [v]);
  }
  const n = byPrimary.size;
  const out: Finding[] = [];
  for (const [primary, members] of byPrimary) {
    const lead = members.find((m) => m.id === primary)!;
    const aliases = groups.get(primary)!.ids.filter((id) => id !== primary);
    const fixed = pkg.ascending(members.flatMap((m) => m.fixed));
    const severity = worst(members.map((m) => m.severity));
    const remediation = dep.fix
      ? `upgrade ${dep.name} to ${dep.fix} (clears ${n === 1 ? 'the one known advisory' : `all ${n} known advisories`} of ${dep.version})`
      : fixed.length
        ? `no release named in the advisories clears every known advisory of ${dep.name}; this one is fixed in ${fixed.join(', ')}`
        : `no fixed version of ${dep.name} is known for ${primary}; replace it or mitigate as the advisory says`;
    out.push({
      rule: VULNERABLE.id,
      severity,
      path: dep.path,
      line: dep.line,
      message: `${dep.name} ${dep.version} is affected by ${primary}${aliases.length ? ` (${list(aliases)})` : ''}${lead.summary ? `: ${lead.summary}` : ''}`,
      remediation,
      ...(evidence ? { evidence } : {}),
      fingerprint: fingerprint(VULNERABLE.id, dep.path, dep.name, primary),
      data: { advisory: primary, aliases, fixed, summary: lead.summary, package: dep.name, version: dep.version, fix: dep.fix },
    });
  }
  return out;
}

/** A range or an unpinned requirement: how many versions named in advisories it admits are vulnerable, and which. */
function pinningFinding(d: Located, db: OsvDatabase, groupOf: (records: OsvRecord[]) => string[], evidence: string | undefined): Finding {
  const rule = d.kind === 'range' ? RANGE : UNPINNED;
  const spec = d.pep440 !== undefined ? d.pep440 : d.specifier;
  const pkg = db.package(d.name);
  const admitted = spec === null ? null : pkg.admitted(spec.split('||').map((s) => s.trim()));
  const what = d.kind === 'range' ? `${d.name} ${d.specifier} is a range, not a pin` : `${d.name} has no version constraint`;
  let message: string;
  let floor: string | null = null;
  if (!admitted) message = `${what}; its constraint could not be read as PEP 440 to check it against advisories`;
  else if (admitted.versions.length) {
    const ids = groupOf(admitted.records);
    const n = admitted.versions.length;
    message = `${what}: it admits ${n} version${n === 1 ? '' : 's'} named in advisories that ${n === 1 ? 'is' : 'are'} vulnerable (${list(ids)})`;
    floor = pkg.smallestFix(admitted.versions[admitted.versions.length - 1]!);
  } else message = `${what}; no version it admits is named as vulnerable in a known advisory`;
  const fixText = floor ? `; to keep a range, exclude the vulnerable versions (for example >=${floor})` : '';
  return {
    rule: rule.id,
    severity: admitted?.versions.length ? 'low' : 'info',
    path: d.path,
    line: d.line,
    message,
    remediation: `pin an exact version (==X) or resolve it in a committed lock file${fixText}`,
    ...(evidence ? { evidence } : {}),
    fingerprint: fingerprint(rule.id, d.path, d.name, d.specifier),
    data: { package: d.name, specifier: d.specifier, vulnerableVersions: admitted?.versions.length ?? null, advisories: admitted ? groupOf(admitted.records) : [] },
  };
}

/** Match every dependency against the database: vulns and fix on the dependency, findings for vulnerabilities and pinning. */
export function matchDependencies(deps: Located[], db: OsvDatabase, ctx: MatchContext): { dependencies: Dependency[]; findings: Finding[] } {
  const dependencies: Dependency[] = [];
  const findings: Finding[] = [];
  const groupOf = (records: OsvRecord[]) => {
    const g = aliasGroups(records);
    return [...new Set(records.map((r) => g.get(r.id)!.primary))].sort();
  };
  for (const d of deps) {
    const dep = toDependency(d);
    dependencies.push(dep);
    const evidence = ctx.lineText?.(d.path, d.line)?.slice(0, 200);
    if (dep.version !== null) {
      const pkg = db.package(d.name);
      if (pkg.rank(dep.version) === null) {
        ctx.errors.push({ path: d.path, line: d.line, message: `${d.name}: version "${dep.version}" is not PEP 440; only advisories that list it verbatim are matched` });
      }
      const records = pkg.affecting(dep.version);
      if (!records.length) continue;
      dep.vulns = records.map((r) => {
        const { severity, score, summary } = describe(r);
        return { id: r.id, aliases: r.aliases ?? [], fixed: pkg.fixedBy(r), severity, score, summary };
      });
      dep.fix = pkg.smallestFix(dep.version);
      findings.push(...vulnerableFindings(dep, pkg, records, dep.vulns, evidence));
      dep.vulns.sort((a, b) => (a.group! < b.group! ? -1 : a.group! > b.group! ? 1 : a.id < b.id ? -1 : 1));
    } else if (d.kind === 'range' || d.kind === 'unpinned') {
      findings.push(pinningFinding(d, db, groupOf, evidence));
    } else if (d.kind === 'url' || d.kind === 'vcs') {
      findings.push({
        rule: UNAUDITED.id,
        severity: 'info',
        path: d.path,
        line: d.line,
        message: `${d.name} comes from ${d.kind === 'vcs' ? 'a VCS reference' : 'a URL'} (${d.specifier.replace(/^@ /, '')}); its version is unknown, so it cannot be checked against OSV`,
        remediation: 'depend on a released version from the package index, or pin a tag whose version you audit',
        ...(evidence ? { evidence } : {}),
        fingerprint: fingerprint(UNAUDITED.id, d.path, d.name, d.specifier),
        data: { package: d.name, specifier: d.specifier },
      });
    }
  }
  return { dependencies, findings };
}
