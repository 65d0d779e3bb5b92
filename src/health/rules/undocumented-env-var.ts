import { defineHealthRule, py } from '../rule.js';

export const undocumentedEnvVar = defineHealthRule({
  id: 'health.undocumented-env-var',
  severity: 'low',
  summary: 'The code reads an environment variable no document mentions',
  docs: {
    what: 'Lists each environment variable read (os.environ, os.getenv, django-environ, decouple, pydantic BaseSettings) that no README, docs/, .env.example, docker-compose or CI file mentions, with every place it is read.',
    why: 'A newcomer cannot run or deploy the service without knowing its configuration; undocumented variables are found only by failures.',
    example: 'DB_URL = os.environ["APP_DB_URL"]',
    fix: 'List every variable, its meaning and default in .env.example or a Configuration section of the README.',
  },
  check: (ctx) =>
    ctx.envVars
      .filter((v) => !v.documented)
      .map((v) => ({
        path: v.uses[0]!.path,
        line: v.uses[0]!.line,
        message: `environment variable ${v.name} is read but not documented (${v.uses.length} place${v.uses.length > 1 ? 's' : ''})`,
        detail: v.name,
        extra: { evidence: v.uses.map((u) => `${u.path}:${u.line}`).join(', '), data: { name: v.name, uses: v.uses, default: v.default } },
      })),
  examples: {
    bad: [py('import os\nURL = os.environ["APP_DB_URL"]\n')],
    good: [{ 'app/service.py': 'import os\nURL = os.environ["APP_DB_URL"]\n', '.env.example': 'APP_DB_URL=postgres://localhost/app\n' }],
  },
});
