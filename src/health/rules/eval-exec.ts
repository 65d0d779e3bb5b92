import { defineHealthRule, smellHits, py } from '../rule.js';

export const evalExec = defineHealthRule({
  id: 'health.eval-exec',
  severity: 'high',
  scoredBy: 'security',
  summary: '`eval`/`exec` runs arbitrary code',
  docs: {
    what: 'Flags calls to the builtins `eval()` and `exec()`. Running a Python file under its own name, `exec(compile(f.read(), filename, "exec"), ns)`, is how config loaders and shells load a file the operator chose (what `runpy.run_path` does) and is not reported; the same call on text from anywhere else is.',
    why: 'Any input that reaches eval/exec becomes code: a direct path to remote code execution.',
    example: 'value = eval(request.args["expr"])',
    fix: 'Parse data with `ast.literal_eval`, `json.loads` or an explicit parser; dispatch through a dict of functions.',
  },
  codes: ['S307', 'S102', 'B307', 'B102', 'PGH001', 'W0123', 'W0122'],
  check: smellHits,
  examples: {
    bad: [py('def calc(expr):\n    return eval(expr)\n'), py('def run(src):\n    exec(compile(src, "<string>", "exec"), {})\n')],
    good: [
      py('import ast\ndef calc(expr):\n    return ast.literal_eval(expr)\n'),
      py('def run(model):\n    return model.eval()\n'),
      py('def load(filename, ns):\n    with open(filename, "rb") as f:\n        exec(compile(f.read(), filename, "exec"), ns)\n'),
    ],
  },
});
