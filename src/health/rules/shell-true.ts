import { defineHealthRule, smellHits, py } from '../rule.js';

export const shellTrue = defineHealthRule({
  id: 'health.shell-true',
  severity: 'high',
  scoredBy: 'security',
  summary: 'A command run through the shell (`shell=True`, `os.system`)',
  docs: {
    what: 'Flags subprocess calls with `shell=True`, and `os.system`/`os.popen`.',
    why: 'A shell interprets the whole string: any interpolated value can inject commands.',
    example: 'subprocess.run(f"git log {ref}", shell=True)',
    fix: 'Pass an argument list without a shell: `subprocess.run(["git", "log", ref], check=True)`.',
  },
  codes: ['S602', 'S604', 'S605', 'S606', 'S607', 'B602', 'B604', 'B605', 'B607'],
  check: smellHits,
  examples: {
    bad: [py('import subprocess\ndef log(ref):\n    subprocess.run("git log " + ref, shell=True)\n'), py('import os\ndef log(ref):\n    os.system("git log " + ref)\n')],
    good: [py('import subprocess\ndef log(ref):\n    subprocess.run(["git", "log", ref], shell=False, check=True)\n')],
  },
});
