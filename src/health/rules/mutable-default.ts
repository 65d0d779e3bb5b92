import { defineHealthRule, smellHits, py } from '../rule.js';

export const mutableDefault = defineHealthRule({
  id: 'health.mutable-default',
  severity: 'medium',
  scoredBy: 'quality',
  historyInMigrations: true,
  summary: 'A mutable default argument is shared between calls',
  docs: {
    what: 'Flags parameters whose default is a list, dict or set literal (or list()/dict()/set()).',
    why: 'The default is created once, at definition time: every call that mutates it changes it for all later calls.',
    example: 'def add(item, items=[]):\n    items.append(item)',
    fix: 'Default to None and create the value inside: `def f(items=None): items = items or []`.',
  },
  codes: ['B006', 'W0102'],
  check: smellHits,
  examples: {
    bad: [py('def add(item, items=[]):\n    items.append(item)\n    return items\n')],
    good: [py('def add(item, items=None):\n    items = list(items or [])\n    items.append(item)\n    return items\n')],
  },
});
