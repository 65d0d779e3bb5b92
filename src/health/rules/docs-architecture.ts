import { defineHealthRule } from '../rule.js';

export const docsArchitecture = defineHealthRule({
  id: 'health.docs.architecture',
  severity: 'info',
  failedCheck: 'docs.architecture',
  summary: 'No architecture notes or decision records',
  docs: {
    what: 'Fails when no ARCHITECTURE/DESIGN document or ADR folder exists.',
    why: 'Why the system is shaped the way it is leaves with its authors.',
    fix: 'Write down the architecture (ARCHITECTURE.md) and record decisions as ADRs (docs/adr/0001-….md).',
  },
});
