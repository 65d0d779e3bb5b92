import { defineHealthRule } from '../rule.js';

export const knowledgeIsland = defineHealthRule({
  id: 'health.knowledge-island',
  severity: 'info',
  summary: 'A file whose current lines were written almost entirely by one author',
  docs: {
    what: 'Reports source files of at least 10 lines where one author wrote 95% or more of the current lines (line ownership from the history), in repositories with more than one author.',
    why: 'When that person leaves or is away, nobody knows the file: the bus factor of that code is one.',
    fix: 'Have a second person change and review it; document its intent.',
  },
  check: ({ history, shipped }) =>
    (history?.metrics.knowledgeIslands ?? []).filter(shipped).map((p) => {
      const authors = history!.metrics.files.find((f) => f.path === p)?.authors ?? [];
      const total = authors.reduce((s, a) => s + a.lines, 0);
      const top = authors[0];
      return { path: p, line: 1, message: `${top?.name ?? 'one author'} wrote ${top && total ? Math.round((top.lines / total) * 100) : 100}% of the ${total} current lines`, detail: p, extra: { evidence: authors.map((a) => `${a.name}: ${a.lines}`).join(', ') } };
    }),
});
