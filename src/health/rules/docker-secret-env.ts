import { defineHealthRule, dockerHits } from '../rule.js';

export const dockerSecretEnv = defineHealthRule({
  id: 'health.docker-secret-env',
  severity: 'high',
  summary: 'A credential-like value is baked into the image with ENV or ARG',
  docs: {
    what: 'Reports ENV/ARG instructions that set a variable named like a password, token, secret or key to a literal value.',
    why: 'Image layers are readable by anyone who can pull the image; the value stays in its history forever.',
    example: 'ENV API_TOKEN=<a literal token>',
    fix: 'Pass secrets at run time (environment, secret mounts: `RUN --mount=type=secret`), never in the Dockerfile.',
  },
  check: dockerHits,
  examples: {
    bad: [{ Dockerfile: 'FROM python:3.12-slim\nENV API_TOKEN=xxxxxx777777\nUSER app\n' }],
    good: [{ Dockerfile: 'FROM python:3.12-slim\nENV API_TOKEN=$API_TOKEN\nENV APP_PORT=8080\nUSER app\n' }],
  },
});
