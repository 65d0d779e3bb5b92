import { esc, num } from './escape.js';

/** Inline SVG charts: no script, no external assets, readable in print. Colours come from CSS classes so dark mode applies. */

export interface Bar {
  label: string;
  value: number;
  /** CSS class for the bar fill, e.g. `sev-high`. */
  cls?: string;
  /** Link target for the bar (an in-page anchor). */
  href?: string;
}

function svgOpen(w: number, h: number, label: string, cls = 'chart'): string {
  return `<svg class="${cls}" viewBox="0 0 ${w} ${h}" width="100%" role="img" aria-label="${esc(label)}" xmlns="http://www.w3.org/2000/svg"><title>${esc(label)}</title>`;
}

/** Stored reports are input like any other: a missing or non-numeric value charts as 0 (bars) or a gap (lines). */
function finite(n: unknown): number {
  return typeof n === 'number' && Number.isFinite(n) ? n : 0;
}

function clip(s: string, n: number): string {
  return s.length > n ? `…${s.slice(s.length - n + 1)}` : s;
}

/** Horizontal bars with the value at the end; `max` fixes the scale (e.g. 100 for scores). */
export function barChart(input: Bar[], title: string, opts: { max?: number; suffix?: string } = {}): string {
  const bars = input.map((b) => ({ ...b, value: finite(b.value) }));
  const rowH = 24;
  const labelW = 120;
  const w = 420;
  const barW = w - labelW - 50;
  const h = Math.max(rowH, bars.length * rowH) + 4;
  const max = opts.max ?? Math.max(1, ...bars.map((b) => b.value));
  const out = [svgOpen(w, h, title)];
  bars.forEach((b, i) => {
    const y = i * rowH + 2;
    const len = max > 0 ? (Math.max(0, Math.min(b.value, max)) / max) * barW : 0;
    const bar = `<rect class="bar ${esc(b.cls ?? 'bar-default')}" x="${labelW}" y="${y + 3}" width="${num(Math.max(len, b.value > 0 ? 2 : 0))}" height="${rowH - 8}" rx="3"><title>${esc(b.label)}: ${esc(b.value)}${esc(opts.suffix ?? '')}</title></rect>`;
    out.push(
      `<text class="label" x="${labelW - 6}" y="${y + rowH / 2 + 4}" text-anchor="end">${esc(clip(b.label, 18))}</text>`,
      b.href ? `<a href="${esc(b.href)}">${bar}</a>` : bar,
      `<text class="value" x="${num(labelW + len + 6)}" y="${y + rowH / 2 + 4}">${esc(b.value)}${esc(opts.suffix ?? '')}</text>`,
    );
  });
  out.push('</svg>');
  return out.join('');
}

/** Vertical columns, one per bucket (a histogram). */
export function columnChart(input: Bar[], title: string, xLabel: string): string {
  const cols = input.map((c) => ({ ...c, value: finite(c.value) }));
  const w = 420;
  const h = 200;
  const pad = { l: 36, r: 10, t: 14, b: 40 };
  const max = Math.max(1, ...cols.map((c) => c.value));
  const step = (w - pad.l - pad.r) / Math.max(1, cols.length);
  const plotH = h - pad.t - pad.b;
  const out = [svgOpen(w, h, title)];
  out.push(`<line class="axis" x1="${pad.l}" y1="${h - pad.b}" x2="${w - pad.r}" y2="${h - pad.b}"/>`);
  out.push(`<text class="tick" x="${pad.l - 4}" y="${pad.t + 4}" text-anchor="end">${max}</text><text class="tick" x="${pad.l - 4}" y="${h - pad.b}" text-anchor="end">0</text>`);
  cols.forEach((c, i) => {
    const ch = (c.value / max) * plotH;
    const x = pad.l + i * step + step * 0.15;
    out.push(
      `<rect class="bar ${esc(c.cls ?? 'bar-default')}" x="${num(x)}" y="${num(h - pad.b - ch)}" width="${num(step * 0.7)}" height="${num(ch)}" rx="2"><title>${esc(c.label)}: ${c.value}</title></rect>`,
      `<text class="tick" x="${num(x + step * 0.35)}" y="${h - pad.b + 14}" text-anchor="middle">${esc(c.label)}</text>`,
    );
    if (c.value > 0) out.push(`<text class="value" x="${num(x + step * 0.35)}" y="${num(h - pad.b - ch - 3)}" text-anchor="middle">${c.value}</text>`);
  });
  out.push(`<text class="axis-label" x="${num((w + pad.l) / 2)}" y="${h - 6}" text-anchor="middle">${esc(xLabel)}</text></svg>`);
  return out.join('');
}

export interface Point {
  x: number;
  y: number;
  label: string;
}

/** A scatter plot with linear axes from zero; the `labelTop` points furthest from the origin get a text label. */
export function scatterChart(input: Point[], title: string, axes: { x: string; y: string }, labelTop = 5): string {
  const points = input.map((p) => ({ ...p, x: finite(p.x), y: finite(p.y) }));
  const w = 420;
  const h = 260;
  const pad = { l: 44, r: 16, t: 14, b: 40 };
  const maxX = Math.max(1, ...points.map((p) => p.x));
  const maxY = Math.max(1, ...points.map((p) => p.y));
  const sx = (x: number) => pad.l + (x / maxX) * (w - pad.l - pad.r);
  const sy = (y: number) => h - pad.b - (y / maxY) * (h - pad.t - pad.b);
  const out = [svgOpen(w, h, title)];
  // The top-right quadrant is where change is frequent and code is hard: shade it.
  out.push(`<rect class="quadrant" x="${num(sx(maxX / 2))}" y="${pad.t}" width="${num(sx(maxX) - sx(maxX / 2))}" height="${num(sy(maxY / 2) - pad.t)}"/>`);
  out.push(`<line class="axis" x1="${pad.l}" y1="${h - pad.b}" x2="${w - pad.r}" y2="${h - pad.b}"/><line class="axis" x1="${pad.l}" y1="${pad.t}" x2="${pad.l}" y2="${h - pad.b}"/>`);
  out.push(
    `<text class="tick" x="${pad.l}" y="${h - pad.b + 14}" text-anchor="middle">0</text><text class="tick" x="${w - pad.r}" y="${h - pad.b + 14}" text-anchor="end">${num(maxX)}</text>`,
    `<text class="tick" x="${pad.l - 4}" y="${pad.t + 4}" text-anchor="end">${num(maxY)}</text>`,
    `<text class="axis-label" x="${num((w + pad.l) / 2)}" y="${h - 6}" text-anchor="middle">${esc(axes.x)}</text>`,
    `<text class="axis-label" transform="translate(12 ${num((h - pad.b + pad.t) / 2)}) rotate(-90)" text-anchor="middle">${esc(axes.y)}</text>`,
  );
  const ranked = [...points].sort((a, b) => b.x / maxX + b.y / maxY - (a.x / maxX + a.y / maxY));
  for (const p of points) out.push(`<circle class="dot" cx="${num(sx(p.x))}" cy="${num(sy(p.y))}" r="5"><title>${esc(p.label)} (${esc(axes.x)} ${p.x}, ${esc(axes.y)} ${p.y})</title></circle>`);
  // Points that share churn stack up: a label that would overprint one already placed is left to the dot's tooltip.
  const placed: { x: number; y: number }[] = [];
  for (const p of ranked.slice(0, labelTop)) {
    const x = sx(p.x);
    const y = sy(p.y);
    if (placed.some((q) => Math.abs(q.y - y) < 12 && Math.abs(q.x - x) < 120)) continue;
    placed.push({ x, y });
    const anchor = x > w * 0.6 ? 'end' : 'start';
    out.push(`<text class="dot-label" x="${num(x + (anchor === 'end' ? -8 : 8))}" y="${num(y + 4)}" text-anchor="${anchor}">${esc(clip(p.label.split('/').pop() ?? p.label, 24))}</text>`);
  }
  out.push('</svg>');
  return out.join('');
}

export interface Series {
  name: string;
  cls: string;
  values: (number | null)[];
  /** Fixed top of the scale (100 for scores); else the series maximum. */
  max?: number;
}

/** Lines over time on a shared x axis; each series has its own scale, named in the legend. */
/**
 * Series over time on one x axis, each on its own scale (first left, second right), with axis titles
 * and the value of the latest point written beside it.
 */
export function lineChart(labels: string[], series: Series[], title: string, axes: { x?: string; left?: string; right?: string } = {}): string {
  const w = 640;
  const h = 240;
  const pad = { l: 52, r: 52, t: 24, b: 50 };
  const n = labels.length;
  const sx = (i: number) => pad.l + (n <= 1 ? (w - pad.l - pad.r) / 2 : (i / (n - 1)) * (w - pad.l - pad.r));
  const out = [svgOpen(w, h, title, 'chart wide')];
  out.push(`<line class="axis" x1="${pad.l}" y1="${h - pad.b}" x2="${w - pad.r}" y2="${h - pad.b}"/>`);
  series.forEach((raw, si) => {
    const s = { ...raw, values: raw.values.map((v) => (typeof v === 'number' && Number.isFinite(v) ? v : null)) };
    const max = s.max ?? Math.max(1, ...s.values.map((v) => v ?? 0));
    const sy = (v: number) => h - pad.b - (v / max) * (h - pad.t - pad.b);
    const pts = s.values.map((v, i) => (v === null ? null : ([sx(i), sy(v)] as const)));
    const path = pts
      .map((p, i) => (p ? `${i === 0 || !pts[i - 1] ? 'M' : 'L'}${num(p[0])} ${num(p[1])}` : ''))
      .filter(Boolean)
      .join(' ');
    if (path) out.push(`<path class="line ${esc(s.cls)}" d="${path}" fill="none"/>`);
    pts.forEach((p, i) => {
      if (p) out.push(`<circle class="pt ${esc(s.cls)}" cx="${num(p[0])}" cy="${num(p[1])}" r="3.5"><title>${esc(labels[i])}: ${esc(s.name)} ${s.values[i]}</title></circle>`);
    });
    const lastIdx = pts.map((p) => !!p).lastIndexOf(true);
    const last = pts[lastIdx];
    if (last) out.push(`<text class="value ${esc(s.cls)}" x="${num(last[0] - 6)}" y="${num(last[1] - 8)}" text-anchor="end">${s.values[lastIdx]}</text>`);
    // Scale of each series at its own side: first on the left, second on the right.
    const side = si === 0 ? { x: pad.l - 4, a: 'end' } : { x: w - pad.r + 4, a: 'start' };
    out.push(`<text class="tick ${esc(s.cls)}" x="${side.x}" y="${pad.t + 4}" text-anchor="${side.a}">${num(max)}</text>`);
    out.push(`<text class="tick ${esc(s.cls)}" x="${side.x}" y="${h - pad.b}" text-anchor="${side.a}">0</text>`);
    const axisTitle = si === 0 ? axes.left : axes.right;
    if (axisTitle) {
      const x = si === 0 ? 12 : w - 8;
      const y = (pad.t + h - pad.b) / 2;
      out.push(`<text class="axis-label ${esc(s.cls)}" x="${x}" y="${num(y)}" text-anchor="middle" transform="rotate(${si === 0 ? -90 : 90} ${x} ${num(y)})">${esc(axisTitle)}</text>`);
    }
    out.push(`<g class="legend"><rect class="key ${esc(s.cls)}" x="${pad.l + si * 150}" y="4" width="12" height="4"/><text x="${pad.l + si * 150 + 16}" y="10">${esc(s.name)}</text></g>`);
  });
  const every = Math.max(1, Math.ceil(n / 6));
  labels.forEach((l, i) => {
    if (i % every === 0 || i === n - 1) out.push(`<text class="tick" x="${num(sx(i))}" y="${h - pad.b + 14}" text-anchor="middle">${esc(l)}</text>`);
  });
  if (axes.x) out.push(`<text class="axis-label" x="${num((pad.l + w - pad.r) / 2)}" y="${h - 8}" text-anchor="middle">${esc(axes.x)}</text>`);
  out.push('</svg>');
  return out.join('');
}

/** The overall score as a ring. */
export function scoreRing(score: number, label: string): string {
  const r = 52;
  const c = 2 * Math.PI * r;
  const s = Math.max(0, Math.min(100, finite(score)));
  const grade = s >= 80 ? 'good' : s >= 60 ? 'fair' : 'poor';
  return (
    `<svg class="score-ring ${grade}" viewBox="0 0 128 128" width="128" height="128" role="img" aria-label="${esc(label)} ${Math.round(s)} of 100" xmlns="http://www.w3.org/2000/svg">` +
    `<circle class="ring-bg" cx="64" cy="64" r="${r}" fill="none" stroke-width="12"/>` +
    // A round cap on a zero-length arc would still draw a dot: no arc at all for 0.
    (s > 0 ? `<circle class="ring-fg" cx="64" cy="64" r="${r}" fill="none" stroke-width="12" stroke-linecap="round" stroke-dasharray="${num((s / 100) * c)} ${num(c)}" transform="rotate(-90 64 64)"/>` : '') +
    `<text class="ring-value" x="64" y="70" text-anchor="middle">${Math.round(s)}</text><text class="ring-label" x="64" y="90" text-anchor="middle">/ 100</text></svg>`
  );
}
