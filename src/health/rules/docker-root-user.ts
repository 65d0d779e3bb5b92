import { defineHealthRule, dockerHits } from '../rule.js';

export const dockerRootUser = defineHealthRule({
  id: 'health.docker-root-user',
  severity: 'medium',
  summary: 'The container runs as root (no USER in the final stage)',
  docs: {
    what: 'Reports Dockerfiles whose final stage has no USER instruction, or switches to root last.',
    why: 'A process running as root in a container turns any code-execution bug into root in the container and eases escapes.',
    example: 'FROM python:3.12-slim\nCMD ["python", "app.py"]',
    fix: 'Create an unprivileged user and switch to it: `RUN useradd -m app` then `USER app`.',
  },
  check: dockerHits,
  examples: {
    bad: [{ Dockerfile: 'FROM python:3.12-slim\nCMD ["python", "app.py"]\n' }],
    good: [{ Dockerfile: 'FROM python:3.12-slim\nRUN useradd -m app\nUSER app\nCMD ["python", "app.py"]\n' }],
  },
});
