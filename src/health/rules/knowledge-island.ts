import { defineHealthRule } from '../rule.js';

export const knowledgeIsland = defineHealthRule({
  id: 'health.knowledge-island',
  severity: 'info',
  summary: 'A file whose current lines were written almost entirely by one author',
  docs: {
    what: 'Reports source files of at least 10 lines where one author wrote 95% or more of the current lines (git blame), in repositories with more than one author.',
    why: 'When that person leaves or is away, nobody knows the file: the bus factor of that code is one.',
    fix: 'Have a second person change and review it; document its intent.',
  },
});
