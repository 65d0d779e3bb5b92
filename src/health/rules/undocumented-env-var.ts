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
  examples: {
    bad: [py('import os\nURL = os.environ["APP_DB_URL"]\n')],
    good: [{ 'app/service.py': 'import os\nURL = os.environ["APP_DB_URL"]\n', '.env.example': 'APP_DB_URL=postgres://localhost/app\n' }],
  },
});
