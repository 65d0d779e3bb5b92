import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PyvetError } from '../core/errors.js';
import { renderHtml, REPORT_CSP } from '../report/html.js';
import type { HistoryStore } from '../store/index.js';
import { openHistory } from '../store/open.js';
import { diffScans } from '../store/diff.js';
import { breadcrumb, diffPage, repoName, repoPage, reposPage, scanLead } from './pages.js';
import { PostgresStore } from '../store/postgres.js';
import { fleetPage, filteredFleet, parseFleetQuery } from './fleet.js';
import { newCriticals } from '../fleet/queries.js';

export interface ServerOptions {
  /** History database: an SQLite file or a postgres:// URL; opened read-only. */
  store: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

interface Reply {
  status: number;
  type: string;
  body: string;
}

const json = (value: unknown, status = 200): Reply => ({ status, type: 'application/json; charset=utf-8', body: JSON.stringify(value) });
const html = (body: string, status = 200): Reply => ({ status, type: 'text/html; charset=utf-8', body });
const notFound = (): Reply => ({ status: 404, type: 'text/plain; charset=utf-8', body: 'Not found\n' });

/**
 * Every route the dashboard has. Paths are matched whole against fixed patterns with numeric ids, and nothing
 * is ever read from the filesystem, so `..`, encoded or not, can only ever reach the 404 below.
 */
export async function route(store: HistoryStore, pathname: string, query = new URLSearchParams()): Promise<Reply> {
  let m: RegExpExecArray | null;
  if (store instanceof PostgresStore) {
    const fleet = await fleetRoute(store, pathname, query);
    if (fleet) return fleet;
  }
  if (pathname === '/') return html(await reposPage(store));
  if ((m = /^\/repo\/(\d{1,15})$/.exec(pathname))) {
    const repo = await store.repo(Number(m[1]));
    return repo ? html(await repoPage(store, repo)) : notFound();
  }
  if ((m = /^\/scan\/(\d{1,15})$/.exec(pathname))) {
    const id = Number(m[1]);
    const scan = await store.scan(id);
    const report = scan && (await store.report(id));
    if (!scan || !report) return notFound();
    const repo = (await store.repo(scan.repoId))!;
    // The trend as it stood when this scan was made.
    report.history = (await store.trend(scan.repoKey, 1000)).filter((p) => p.id <= id);
    const nav = breadcrumb([{ href: '/', label: 'Repositories' }, { href: `/repo/${repo.id}`, label: repoName(repo.key) }, { label: `scan #${id}` }]);
    // The page opens on what this scan changed; the full report follows.
    const previous = (await store.scans(scan.repoKey, 100_000)).find((p) => p.id < id);
    return html(renderHtml(report, { nav, lead: scanLead(id, previous ? await diffScans(store, scan.repoKey, previous.id, id) : null) }));
  }
  if ((m = /^\/scan\/(\d{1,15})\/diff$/.exec(pathname))) {
    const scan = await store.scan(Number(m[1]));
    if (!scan) return notFound();
    const previous = (await store.scans(scan.repoKey, 100_000)).find((p) => p.id < scan.id);
    if (!previous) return notFound();
    return html(diffPage((await store.repo(scan.repoId))!, await diffScans(store, scan.repoKey, previous.id, scan.id)));
  }
  if (pathname === '/api/repos') return json(await store.repos());
  if ((m = /^\/api\/repos\/(\d{1,15})$/.exec(pathname))) {
    const repo = await store.repo(Number(m[1]));
    return repo ? json({ ...repo, scans: await store.scans(repo.key, 1000) }) : notFound();
  }
  if ((m = /^\/api\/scans\/(\d{1,15})$/.exec(pathname))) {
    const report = await store.report(Number(m[1]));
    return report ? json(report) : notFound();
  }
  if ((m = /^\/api\/scans\/(\d{1,15})\/findings$/.exec(pathname))) {
    return (await store.scan(Number(m[1]))) ? json(await store.findings(Number(m[1]))) : notFound();
  }
  return notFound();
}

/** A PostgreSQL store holds a fleet: its overview replaces the plain list, and the queries across repositories have an API. */
async function fleetRoute(store: PostgresStore, pathname: string, query: URLSearchParams): Promise<Reply | null> {
  if (pathname === '/') return html(await fleetPage(store, parseFleetQuery(query)));
  if (pathname === '/api/fleet') {
    const { rows, error } = await filteredFleet(store, parseFleetQuery(query));
    return error ? json({ error }, 400) : json(rows);
  }
  if (pathname === '/api/fleet/new-criticals') {
    const hours = Number(query.get('hours') ?? 24);
    return json(await newCriticals(store, new Date(Date.now() - (Number.isFinite(hours) && hours > 0 ? hours : 24) * 3600_000)));
  }
  return null;
}

const HEADERS = {
  'Content-Security-Policy': REPORT_CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/** The read-only dashboard over the history database. Resolves once listening. */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const store = await openHistory(opts.store, { readonly: true });
  const loopbackOnly = isLoopback(host);
  const server = http.createServer(async (req, res) => {
    let reply: Reply;
    try {
      const url = new URL(req.url ?? '/', 'http://dashboard.invalid');
      const hostname = (req.headers.host ?? '').replace(/:\d+$/, '');
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        reply = { status: 405, type: 'text/plain; charset=utf-8', body: 'Read-only: GET only\n' };
        res.setHeader('Allow', 'GET, HEAD');
      } else if (loopbackOnly && !isLoopback(hostname)) {
        // A page on another site resolving its own name to 127.0.0.1 (DNS rebinding) must not read the history.
        reply = { status: 421, type: 'text/plain; charset=utf-8', body: 'Misdirected request\n' };
      } else reply = await route(store, url.pathname, url.searchParams);
    } catch (err) {
      const message = err instanceof PyvetError ? err.message : 'internal error';
      reply = { status: 500, type: 'text/plain; charset=utf-8', body: `${message}\n` };
    }
    res.writeHead(reply.status, { ...HEADERS, 'Content-Type': reply.type, 'Content-Length': Buffer.byteLength(reply.body) });
    res.end(req.method === 'HEAD' ? undefined : reply.body);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 8765, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    await store.close();
    const e = err as NodeJS.ErrnoException;
    throw new PyvetError(e.code === 'EADDRINUSE' ? `port ${opts.port} on ${host} is already in use (pick another with --port)` : `cannot listen on ${host}:${opts.port}: ${e.message}`);
  }
  const addr = server.address() as AddressInfo;
  const shown = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${shown}:${addr.port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          void store.close().then(resolve);
        });
      }),
  };
}
