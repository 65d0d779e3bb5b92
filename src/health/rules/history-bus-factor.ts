import { defineHealthRule } from '../rule.js';

export const historyBusFactor = defineHealthRule({
  id: 'health.history.bus-factor',
  severity: 'medium',
  failedCheck: 'history.bus-factor',
  summary: 'One or two people wrote most of the code',
  docs: {
    what: 'Fails when the fewest authors who wrote 80% of the current source lines is 1 (warns at 2).',
    why: 'When they leave, the knowledge leaves with them.',
    fix: 'Spread knowledge: review each other\'s changes, pair on the core modules, write down how they work.',
  },
});
