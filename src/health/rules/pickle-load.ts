import { defineHealthRule, smellHits, py } from '../rule.js';

export const pickleLoad = defineHealthRule({
  id: 'health.pickle-load',
  severity: 'high',
  scoredBy: 'security',
  summary: '`pickle.load(s)` deserializes data that can execute code',
  docs: {
    what: 'Flags `pickle.load`, `pickle.loads` and `Unpickler` (also cPickle, dill, cloudpickle).',
    why: 'Unpickling runs constructors chosen by the data: loading untrusted bytes is code execution.',
    example: 'obj = pickle.loads(request.body)',
    fix: 'Use JSON or another data-only format for anything that crosses a trust boundary.',
  },
  codes: ['S301', 'B301', 'S403', 'B403'],
  check: smellHits,
  examples: {
    bad: [py('import pickle\ndef load(blob):\n    return pickle.loads(blob)\n')],
    good: [py('import json\ndef load(blob):\n    return json.loads(blob)\n'), py('import pickle\ndef save(obj):\n    return pickle.dumps(obj)\n')],
  },
});
