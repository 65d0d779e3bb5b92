import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The PostgreSQL server tests use: $PYVET_TEST_PG, a URL to a database the tests may create databases from.
 * `.ci/run` starts a throwaway cluster and always sets it; without it the PostgreSQL tests skip and say why.
 */
export const TEST_PG = process.env.PYVET_TEST_PG || '';
export const PG_SKIP = TEST_PG ? false : 'PYVET_TEST_PG is not set (a postgres:// URL; .ci/run starts a cluster and sets it)';

/** A fresh, empty database on the test server; `drop()` removes it. */
export async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `pyvet_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_PG);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: TEST_PG });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
