import type { Architecture } from './types.js';

/** Escape for HTML/SVG text and attribute values. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const num = (n: number): string => String(Math.round(n * 10) / 10);

/**
 * The package map as SVG from the positions ELK computed in buildBrief (rendering stays synchronous).
 * Ids are prefixed `arch-` so the drawing can sit inside a page with other SVGs.
 */
export function renderArchitectureSvg(arch: Architecture, title: string): string {
  const w = Math.max(arch.width, 200);
  const h = Math.max(arch.height, 60);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" id="architecture" class="architecture" viewBox="0 0 ${num(w)} ${num(h)}" width="${num(w)}" height="${num(h)}" role="img" aria-labelledby="arch-title" font-family="system-ui, sans-serif">`,
    `<title id="arch-title">${esc(title)}</title>`,
    '<defs>',
    '<marker id="arch-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#6b7280"/></marker>',
    '<marker id="arch-arrow-cycle" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#dc2626"/></marker>',
    '</defs>',
  ];
  if (!arch.nodes.length) {
    parts.push(`<text x="10" y="30" font-size="13" fill="#6b7280">no Python packages to map</text></svg>`);
    return parts.join('\n');
  }
  parts.push('<g class="arch-edges" fill="none">');
  for (const e of arch.edges) {
    if (e.points.length < 2) continue;
    const pts = e.points.map((p) => `${num(p.x)},${num(p.y)}`).join(' ');
    const stroke = e.cycle ? ' stroke="#dc2626" stroke-dasharray="5 3"' : e.deferred ? ' stroke="#9ca3af" stroke-dasharray="2 3"' : ' stroke="#6b7280"';
    const label = `${e.from} → ${e.to}: ${e.imports} import${e.imports === 1 ? '' : 's'}${e.cycle ? ' (part of a cycle)' : e.deferred ? ' (deferred: inside functions or TYPE_CHECKING)' : ''}`;
    parts.push(`<polyline class="arch-edge${e.cycle ? ' cycle' : ''}" points="${pts}"${stroke} stroke-width="${Math.min(1 + Math.log2(e.imports), 4).toFixed(1)}" marker-end="url(#${e.cycle ? 'arch-arrow-cycle' : 'arch-arrow'})"><title>${esc(label)}</title></polyline>`);
  }
  parts.push('</g>', '<g class="arch-nodes">');
  for (const n of arch.nodes) {
    const cx = n.x + n.width / 2;
    const fill = n.inCycle ? '#fef2f2' : '#eff6ff';
    const stroke = n.inCycle ? '#dc2626' : '#3b82f6';
    const sub = `${n.files} file${n.files === 1 ? '' : 's'} · ${n.loc} LOC`;
    parts.push(
      `<g class="arch-node${n.inCycle ? ' cycle' : ''}" data-package="${esc(n.id)}">`,
      `<title>${esc(`${n.id}: ${sub}${n.inCycle ? ', in an import cycle' : ''}`)}</title>`,
      `<rect x="${num(n.x)}" y="${num(n.y)}" width="${num(n.width)}" height="${num(n.height)}" rx="6" fill="${fill}" stroke="${stroke}"/>`,
      `<text x="${num(cx)}" y="${num(n.y + 18)}" text-anchor="middle" font-size="12" font-weight="600" fill="#111827">${esc(clip(n.id, 40))}</text>`,
      `<text x="${num(cx)}" y="${num(n.y + 34)}" text-anchor="middle" font-size="10" fill="#4b5563">${esc(sub)}</text>`,
      '</g>',
    );
  }
  parts.push('</g>', '</svg>');
  return parts.join('\n');
}

/** The same map as a Mermaid flowchart, for Markdown read where no SVG file sits beside it (GitHub renders it). */
export function renderArchitectureMermaid(arch: Architecture): string {
  const id = new Map(arch.nodes.map((n, i) => [n.id, `p${i}`]));
  const label = (s: string) => s.replace(/"/g, '#quot;').replace(/[<>]/g, (c) => (c === '<' ? '#lt;' : '#gt;'));
  const lines = ['```mermaid', 'flowchart TD'];
  for (const n of arch.nodes) lines.push(`  ${id.get(n.id)}["${label(n.id)}<br/>${n.files} files · ${n.loc} LOC"]`);
  for (const e of arch.edges) lines.push(`  ${id.get(e.from)} ${e.cycle ? '-. cycle .->' : e.deferred ? '-. deferred .->' : '-->'} ${id.get(e.to)}`);
  const cyc = arch.nodes.filter((n) => n.inCycle).map((n) => id.get(n.id));
  if (cyc.length) lines.push('  classDef cycle stroke:#dc2626,fill:#fef2f2', `  class ${cyc.join(',')} cycle`);
  lines.push('```');
  return lines.join('\n');
}
