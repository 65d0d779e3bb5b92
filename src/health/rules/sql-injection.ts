import { defineHealthRule, smellHits, py } from '../rule.js';

export const sqlInjection = defineHealthRule({
  id: 'health.sql-injection',
  severity: 'high',
  scoredBy: 'security',
  summary: 'SQL built from values by string formatting is passed to execute/raw/text',
  docs: {
    what: 'Flags `execute`, `executemany`, `executescript`, `raw`, `mogrify`, SQLAlchemy `text()` and Django `RawSQL` called with SQL assembled by an f-string, `%`, `.format()` or `+` (directly or through a variable assigned in the same function).',
    why: 'A value spliced into SQL text becomes SQL: a quote in it ends the string and the rest runs as a query (SQL injection).',
    example: 'cur.execute(f"SELECT * FROM users WHERE name = \'{name}\'")',
    fix: 'Pass values as parameters: `cur.execute("SELECT * FROM users WHERE id = %s", (user_id,))`, `text("… WHERE id = :id").bindparams(id=user_id)`.',
  },
  codes: ['S608', 'B608', 'S611'],
  check: smellHits,
  examples: {
    bad: [py('def find(cur, name):\n    cur.execute(f"SELECT * FROM users WHERE name = \'{name}\'")\n'), py('def find(cur, uid):\n    q = "SELECT * FROM users WHERE id = %s" % uid\n    cur.execute(q)\n'), py('from sqlalchemy import text\ndef find(s, uid):\n    return s.execute(text("DELETE FROM users WHERE id = " + uid))\n')],
    good: [py('def find(cur, name):\n    cur.execute("SELECT * FROM users WHERE name = %s", (name,))\n'), py('def run(pool, job):\n    pool.execute(f"job-{job}")\n')],
  },
});
