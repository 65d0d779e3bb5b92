import { defineHealthRule, smellHits, py } from '../rule.js';

export const yamlUnsafeLoad = defineHealthRule({
  id: 'health.yaml-unsafe-load',
  severity: 'high',
  scoredBy: 'security',
  summary: '`yaml.load` without a safe loader can construct arbitrary objects',
  docs: {
    what: 'Flags `yaml.load`/`yaml.load_all` without `Loader=SafeLoader` (or CSafeLoader/BaseLoader), and `yaml.unsafe_load`.',
    why: 'The full loaders build Python objects named in the document: a crafted YAML file runs code.',
    example: 'cfg = yaml.load(open("config.yml"))',
    fix: 'Use `yaml.safe_load(text)` or `yaml.load(text, Loader=yaml.SafeLoader)`.',
  },
  codes: ['S506', 'B506'],
  check: smellHits,
  examples: {
    bad: [py('import yaml\ndef read(t):\n    return yaml.load(t)\n'), py('import yaml\ndef read(t):\n    return yaml.load(t, Loader=yaml.Loader)\n')],
    good: [py('import yaml\ndef read(t):\n    return yaml.safe_load(t)\n'), py('import yaml\ndef read(t):\n    return yaml.load(t, Loader=yaml.SafeLoader)\n')],
  },
});
