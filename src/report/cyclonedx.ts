import { createHash } from 'node:crypto';
import path from 'node:path';
import { Enums, Models, Serialize, Spec } from '@cyclonedx/cyclonedx-library';
import type { ScanReport } from '../core/report.js';
import type { Severity } from '../core/severity.js';
import type { Dependency } from '../deps/types.js';

const SEVERITY: Record<Severity, Enums.Vulnerability.Severity> = {
  critical: Enums.Vulnerability.Severity.Critical,
  high: Enums.Vulnerability.Severity.High,
  medium: Enums.Vulnerability.Severity.Medium,
  low: Enums.Vulnerability.Severity.Low,
  info: Enums.Vulnerability.Severity.Info,
  unknown: Enums.Vulnerability.Severity.Unknown,
};

/** Package URL of a PyPI package: lower-case name, `_`/`.` runs as `-` (the purl spec's pypi rule), version percent-encoded. */
export function pypiPurl(name: string, version: string | null): string {
  const n = name.toLowerCase().replace(/[-_.]+/g, '-');
  return `pkg:pypi/${encodeURIComponent(n)}${version ? `@${encodeURIComponent(version)}` : ''}`;
}

/** A deterministic urn:uuid for the BOM: the same scan gives the same serial number, two scans never share one. */
function serialNumber(report: ScanReport): string {
  const h = createHash('sha256').update(`${report.root}\0${report.scannedAt}\0${report.commit ?? ''}`).digest('hex');
  // Version 4 layout (variant bits set) so strict validators accept it.
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function aliasReference(alias: string): Models.Vulnerability.Reference {
  if (/^CVE-/i.test(alias)) return new Models.Vulnerability.Reference(alias, new Models.Vulnerability.Source({ name: 'NVD', url: `https://nvd.nist.gov/vuln/detail/${encodeURIComponent(alias)}` }));
  if (/^GHSA-/i.test(alias)) return new Models.Vulnerability.Reference(alias, new Models.Vulnerability.Source({ name: 'GitHub Advisory Database', url: `https://github.com/advisories/${encodeURIComponent(alias)}` }));
  return new Models.Vulnerability.Reference(alias, new Models.Vulnerability.Source({ name: 'OSV', url: `https://osv.dev/vulnerability/${encodeURIComponent(alias)}` }));
}

/** CycloneDX 1.5 JSON: the dependency inventory as components, each advisory as a vulnerability affecting them, with the fix. */
export function renderCycloneDx(report: ScanReport): string {
  const bom = new Models.Bom({ serialNumber: serialNumber(report) });
  bom.metadata.timestamp = new Date(report.scannedAt);
  bom.metadata.tools.tools.add(new Models.Tool({ name: 'pyvet', version: report.version }));
  bom.metadata.component = new Models.Component(Enums.ComponentType.Application, path.basename(report.root) || report.root, { bomRef: 'pyvet:root' });

  // One component per package and version: the same pin in two manifests is one thing shipped.
  const components = new Map<string, { component: Models.Component; deps: Dependency[] }>();
  for (const d of report.dependencies) {
    const purl = pypiPurl(d.name, d.version);
    let entry = components.get(purl);
    if (!entry) {
      const component = new Models.Component(Enums.ComponentType.Library, d.name, {
        bomRef: purl,
        version: d.version ?? undefined,
        purl,
        scope: d.group === 'main' ? Enums.ComponentScope.Required : Enums.ComponentScope.Optional,
      });
      bom.metadata.component.dependencies.add(component.bomRef);
      entry = { component, deps: [] };
      components.set(purl, entry);
      bom.components.add(component);
    }
    entry.deps.push(d);
  }
  for (const { component, deps } of components.values()) {
    for (const d of deps) component.properties.add(new Models.Property('pyvet:manifest', `${d.path}:${d.line}`));
    const specifiers = [...new Set(deps.map((d) => d.specifier).filter(Boolean))];
    for (const s of specifiers) component.properties.add(new Models.Property('pyvet:specifier', s));
  }

  const vulns = new Map<string, { vuln: Models.Vulnerability.Vulnerability; fixes: Set<string> }>();
  for (const [purl, { component, deps }] of components) {
    for (const d of deps) {
      for (const v of d.vulns) {
        let entry = vulns.get(v.id);
        if (!entry) {
          const vuln = new Models.Vulnerability.Vulnerability({
            bomRef: `pyvet:vuln:${v.id}`,
            id: v.id,
            source: new Models.Vulnerability.Source({ name: 'OSV', url: `https://osv.dev/vulnerability/${encodeURIComponent(v.id)}` }),
            description: v.summary || undefined,
          });
          vuln.ratings.add(
            new Models.Vulnerability.Rating({
              severity: SEVERITY[v.severity] ?? Enums.Vulnerability.Severity.Unknown,
              score: typeof v.score === 'number' ? v.score : undefined,
              method: typeof v.score === 'number' ? Enums.Vulnerability.RatingMethod.CVSSv3 : undefined,
            }),
          );
          for (const a of v.aliases) vuln.references.add(aliasReference(a));
          entry = { vuln, fixes: new Set() };
          vulns.set(v.id, entry);
          bom.vulnerabilities.add(vuln);
        }
        if (![...entry.vuln.affects].some((a) => a.ref === component.bomRef)) {
          const versions = new Models.Vulnerability.AffectedVersionRepository();
          if (d.version) versions.add(new Models.Vulnerability.AffectedSingleVersion(d.version, { status: Enums.Vulnerability.AffectStatus.Affected }));
          entry.vuln.affects.add(new Models.Vulnerability.Affect(component.bomRef, { versions }));
        }
        const fixed = v.fixed.length ? `${d.name} to ${v.fixed.join(' or ')}` : null;
        entry.fixes.add(fixed ? `Upgrade ${fixed} or later${d.fix ? ` (${d.fix} clears every known advisory of ${d.name})` : ''}.` : `No fixed version of ${d.name} is known (${purl}).`);
      }
    }
  }
  for (const { vuln, fixes } of vulns.values()) vuln.recommendation = [...fixes].join(' ');

  const serializer = new Serialize.JsonSerializer(new Serialize.JSON.Normalize.Factory(Spec.Spec1dot5));
  return serializer.serialize(bom, { sortLists: true, space: 2 }) + '\n';
}
