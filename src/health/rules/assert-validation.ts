import { defineHealthRule, smellHits, py } from '../rule.js';

export const assertValidation = defineHealthRule({
  id: 'health.assert-validation',
  severity: 'info',
  summary: '`assert` used for validation outside tests',
  docs: {
    what: 'Flags `assert` statements in non-test code.',
    why: 'Assertions are removed when Python runs with -O; input validated by assert is not validated in optimized deployments.',
    example: 'def pay(amount):\n    assert amount > 0',
    fix: 'Raise an exception: `if amount <= 0: raise ValueError("amount must be positive")`.',
  },
  codes: ['S101', 'B101'],
  check: smellHits,
  examples: {
    bad: [py('def pay(amount):\n    assert amount > 0\n    return amount\n')],
    good: [{ 'tests/test_pay.py': 'def test_pay():\n    assert 1 > 0\n' }, py('def pay(amount):\n    if amount <= 0:\n        raise ValueError("amount")\n    return amount\n')],
  },
});
