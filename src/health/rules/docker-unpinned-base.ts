import { defineHealthRule, dockerHits } from '../rule.js';

export const dockerUnpinnedBase = defineHealthRule({
  id: 'health.docker-unpinned-base',
  severity: 'low',
  summary: 'A container base image without a pinned version (no tag or :latest)',
  docs: {
    what: 'Reports Dockerfile FROM lines (and devcontainer images) without a tag or digest, or with :latest.',
    why: 'The image changes under you: builds are not reproducible and a bad upstream push ships silently.',
    example: 'FROM python',
    fix: 'Pin a version tag (python:3.12-slim), ideally with a digest (@sha256:…).',
  },
  check: dockerHits,
  examples: {
    bad: [{ Dockerfile: 'FROM python:latest\nUSER app\n' }],
    good: [{ Dockerfile: 'FROM python:3.12-slim\nUSER app\n' }],
  },
});
