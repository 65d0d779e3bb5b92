import { fingerprint, type Finding } from '../core/finding.js';
import type { ScanError } from '../core/errors.js';
import { bySeverity, type Severity } from '../core/severity.js';
import type { Located } from '../facts/manifests/read.js';
import { isAside, type Dependency, type VulnRef } from './types.js';
import type { FileRole } from '../core/role.js';
import { normalizeName } from '../facts/manifests/names.js';
import type { OsvDatabase } from './osv/database.js';
import type { OsvRecord } from './osv/types.js';
import { aliasGroups, describe } from './osv/advisory.js';
import type { PackageIndex } from './osv/package-index.js';
import { MALICIOUS, RANGE, TYPOSQUAT, UNAUDITED, UNPINNED, VULNERABLE } from './rules.js';
import { resemblance } from './typosquat.js';

export interface MatchContext {
  errors: ScanError[];
  /** The text of a manifest line, for evidence. */
  lineText?: (path: string, line: number) => string | undefined;
  /** The role of a manifest (facts/roles): findings in fixtures, examples and docs are info, apart. */
  roleOf?: (path: string) => FileRole | undefined;
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

/** Ids of a merged group that make it a malicious-package report: OSV's MAL- records, and any advisory aliased to one. */
function isMaliciousGroup(ids: string[]): boolean {
  return ids.some((id) => id.startsWith('MAL-'));
}

/** A record that covers every version of the package (`introduced: "0"` and nothing closing it). */
function coversEveryVersion(r: OsvRecord, name: string): boolean {
  return (r.affected ?? []).some(
    (a) =>
      a.package?.name !== undefined &&
      normalizeName(a.package.name) === name &&
      (a.ranges ?? []).some((rg) => rg.type === 'ECOSYSTEM' && rg.events?.some((e) => e.introduced === '0') && !rg.events.some((e) => e.fixed || e.last_affected || e.limit)),
  );
}

function maliciousFinding(dep: { name: string; version: string | null; specifier: string; path: string; line: number }, records: OsvRecord[], evidence: string | undefined): Finding {
  const groups = aliasGroups(records);
  const ids = [...new Set(records.map((r) => groups.get(r.id)!.primary))].sort();
  const lead = records.find((r) => r.id === ids[0]) ?? records[0]!;
  const what = dep.version !== null ? `${dep.name} ${dep.version}` : `${dep.name}${dep.specifier ? ` ${dep.specifier}` : ''}`;
  const summary = describe(lead).summary;
  return {
    rule: MALICIOUS.id,
    severity: 'critical',
    path: dep.path,
    line: dep.line,
    message: `${what} is a known malicious package (${list(ids)})${summary ? `: ${summary}` : ''}`,
    remediation: `remove ${dep.name} now; treat every machine that installed it as compromised (rotate the credentials it could read, rebuild from a clean state)`,
    ...(evidence ? { evidence } : {}),
    fingerprint: fingerprint(MALICIOUS.id, dep.path, dep.name, ids[0]!),
    data: { package: dep.name, version: dep.version, advisories: ids, aliases: [...new Set(records.flatMap((r) => groups.get(r.id)!.ids))].filter((id) => !ids.includes(id)).sort() },
  };
}

function typosquatFinding(d: Located, like: string, evidence: string | undefined): Finding {
  return {
    rule: TYPOSQUAT.id,
    severity: 'low',
    path: d.path,
    line: d.line,
    message: `${d.name} is one letter away from the popular package ${like}: check it is the package you meant`,
    remediation: `if ${d.name} is a typo, depend on ${like}; if it is the package you want, record that with a severity override or a baseline`,
    ...(evidence ? { evidence } : {}),
    fingerprint: fingerprint(TYPOSQUAT.id, d.path, d.name),
    data: { package: d.name, resembles: like },
  };
}

/**
 * Severity of a record without a CVSS vector or label, from the records it aliases in the same
 * database (the GHSA copy of a PYSEC record usually carries the vector): the worst of them.
 */
function aliasSeverity(all: OsvRecord[]): (r: OsvRecord) => { severity: Severity; score: number | null; from: string } | null {
  // The records of each alias group, in database order: a record's aliases are its group's other records.
  let members: Map<string, OsvRecord[]> | null = null;
  let groups: Map<string, { primary: string; ids: string[] }> | null = null;
  return (r) => {
    if (!members || !groups) {
      groups = aliasGroups(all);
      members = new Map();
      for (const o of all) {
        const p = groups.get(o.id)!.primary;
        const list = members.get(p);
        if (list) list.push(o);
        else members.set(p, [o]);
      }
    }
    let best: { severity: Severity; score: number | null; from: string } | null = null;
    for (const o of members.get(groups.get(r.id)?.primary ?? '') ?? []) {
      if (o === r) continue;
      const d = describe(o);
      if (d.severity === 'unknown') continue;
      if (!best || bySeverity(d.severity, best.severity) < 0) best = { severity: d.severity, score: d.score, from: o.id };
    }
    return best;
  };
}

/** A range or an unpinned requirement: how many versions named in advisories it admits are vulnerable, and which. */
function pinningFinding(d: Located, db: OsvDatabase, groupOf: (records: OsvRecord[]) => string[], evidence: string | undefined): Finding {
  const rule = d.kind === 'range' ? RANGE : UNPINNED;
  const spec = d.pep440 !== undefined ? d.pep440 : d.specifier;
  const pkg = db.package(d.name);
  const admitted = spec === null ? null : pkg.admitted(spec.split('||').map((s) => s.trim()));
  const what = d.library
    ? d.kind === 'range'
      ? `${d.name} ${d.specifier}`
      : `${d.name} has no lower bound`
    : d.kind === 'range'
      ? `${d.name} ${d.specifier} is a range, not a pin`
      : `${d.name} has no version constraint`;
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
  // A library declares what it works with and the application's lock pins it: a pin there would
  // conflict with every other library, so the advice is a floor above the known-vulnerable versions.
  const remediation = d.library
    ? floor
      ? `raise the floor to ${d.name}>=${floor}, which admits no known-vulnerable version (a library declares a range; applications pin it in their lock)`
      : admitted?.versions.length
        ? `no release named in the advisories clears them all; exclude the vulnerable versions with != or an upper bound, as the advisories say`
        : 'nothing to change: a library declares a range, and applications pin it in their lock'
    : `pin an exact version (==X) or resolve it in a committed lock file${fixText}`;
  return {
    rule: rule.id,
    severity: admitted?.versions.length ? 'low' : 'info',
    path: d.path,
    line: d.line,
    message,
    remediation,
    ...(evidence ? { evidence } : {}),
    fingerprint: fingerprint(rule.id, d.path, d.name, d.specifier),
    data: { package: d.name, specifier: d.specifier, vulnerableVersions: admitted?.versions.length ?? null, advisories: admitted ? groupOf(admitted.records) : [], ...(floor ? { floor } : {}), ...(d.library ? { library: true } : {}) },
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
  const squat = new Map<string, string | null>();
  const aliasLookups = new Map<string, ReturnType<typeof aliasSeverity>>();
  for (const d of deps) {
    const dep = toDependency(d);
    dependencies.push(dep);
    const role = ctx.roleOf?.(d.path);
    const before = findings.length;
    matchOne(d, dep);
    // A fixture's or an example's dependency is recorded, at info, apart from the project's own.
    if (isAside(role)) {
      dep.role = role;
      for (let i = before; i < findings.length; i++) {
        const f = findings[i]!;
        findings[i] = { ...f, severity: 'info', data: { ...f.data, role, severityIfShipped: f.severity } };
      }
    }
  }
  return { dependencies, findings };

  function matchOne(d: Located, dep: Dependency): void {
    const evidence = ctx.lineText?.(d.path, d.line)?.slice(0, 200);
    if (d.kind !== 'path' && d.kind !== 'editable') {
      if (!squat.has(d.name)) squat.set(d.name, resemblance(d.name));
      const like = squat.get(d.name);
      if (like) findings.push(typosquatFinding(d, like, evidence));
    }
    if (dep.version !== null) {
      const pkg = db.package(d.name);
      if (pkg.rank(dep.version) === null) {
        ctx.errors.push({ path: d.path, line: d.line, message: `${d.name}: version "${dep.version}" is not PEP 440; only advisories that list it verbatim are matched` });
      }
      const affecting = pkg.affecting(dep.version);
      if (!affecting.length) return;
      // A malicious package is its own finding, never one more vulnerability to upgrade away.
      const groups = affecting.some((r) => isMaliciousGroup([r.id, ...(r.aliases ?? [])])) ? aliasGroups(affecting) : null;
      const malicious = groups ? affecting.filter((r) => isMaliciousGroup(groups.get(r.id)!.ids)) : [];
      if (malicious.length) {
        dep.malicious = [...new Set(malicious.map((r) => groups!.get(r.id)!.primary))].sort();
        findings.push(maliciousFinding(dep, malicious, evidence));
      }
      const records = affecting.filter((r) => !malicious.includes(r));
      if (!records.length) return;
      let fromAlias = aliasLookups.get(d.name);
      if (!fromAlias) aliasLookups.set(d.name, (fromAlias = aliasSeverity(db.recordsOf(d.name))));
      dep.vulns = records.map((r) => {
        const { severity, score, summary } = describe(r);
        const v: VulnRef = { id: r.id, aliases: r.aliases ?? [], fixed: pkg.fixedBy(r), severity, score, summary };
        const alias = severity === 'unknown' ? fromAlias(r) : null;
        if (alias) Object.assign(v, { severity: alias.severity, score: alias.score, severityFrom: alias.from });
        return v;
      });
      dep.fix = pkg.smallestFix(dep.version);
      findings.push(...vulnerableFindings(dep, pkg, records, dep.vulns, evidence));
      dep.vulns.sort((a, b) => (a.group! < b.group! ? -1 : a.group! > b.group! ? 1 : a.id < b.id ? -1 : 1));
    } else if (d.kind === 'range' || d.kind === 'unpinned') {
      const whole = db.recordsOf(d.name).filter((r) => !r.withdrawn && isMaliciousGroup([r.id, ...(r.aliases ?? [])]) && coversEveryVersion(r, d.name));
      if (whole.length) {
        dep.malicious = groupOf(whole);
        findings.push(maliciousFinding(dep, whole, evidence));
      }
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
}
