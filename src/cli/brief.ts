import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { renderBriefHtml, renderBriefMarkdown, renderBriefSvg } from '../brief/render.js';
import type { Io } from './io.js';
import { analyze, type AnalyzeOptions } from './analyze.js';
import { markdownToTerminal } from '../report/markdown-terminal.js';
import { terminalWidth } from '../report/terminal.js';


export function registerBrief(program: Command, io: Io, setCode: (n: number) => void): void {
  program
    .command('brief [path]')
    .description('write the handoff brief: how to run it, where work enters, what it talks to, who knows what')
    .addOption(
      new Option('-f, --format <format>', 'text (for the terminal), markdown, json or html (default: text on stdout, markdown with -o)').choices([
        'text',
        'markdown',
        'md',
        'json',
        'html',
      ]),
    )
    .option('-o, --output <file>', 'write to a file (e.g. HANDOFF.md) instead of stdout')
    .option('-c, --config <file>', 'config file')
    .option('--db <path>', 'OSV database (the brief lists open security findings)')
    .option('-q, --quiet', 'no progress output')
    .option('--no-color', 'no ANSI colours even on a TTY')
    .action(async (target: string | undefined, opts: AnalyzeOptions & { format?: string; color?: boolean }) => {
      const fmt = opts.format === 'md' ? 'markdown' : (opts.format ?? (opts.output ? 'markdown' : 'text'));
      // The brief needs everything the scan sees; its own document is what gets written.
      const { report } = await analyze(io, ['deps', 'secrets', 'health', 'brief'], target, { ...opts, output: undefined, format: undefined, command: 'brief' }, ['json'], undefined, true);
      const file = opts.output ? path.resolve(io.cwd, opts.output) : null;
      // file links in the brief are relative to where it is written
      const rel = file ? path.relative(path.dirname(file), report.root).split(path.sep).join('/') : '';
      const linkBase = rel ? `${rel}/` : '';
      let text: string;
      if (fmt === 'json') text = JSON.stringify(report.brief, null, 2) + '\n';
      else if (fmt === 'html') text = renderBriefHtml(report, { linkBase });
      else {
        // A Markdown file gets its diagram as an SVG beside it; stdout gets a Mermaid block instead.
        let svgHref: string | undefined;
        const svg = renderBriefSvg(report);
        if (file && svg && report.brief?.architecture.nodes.length) {
          const svgFile = file.replace(/(\.(md|markdown))?$/i, '.architecture.svg');
          mkdirSync(path.dirname(svgFile), { recursive: true });
          writeFileSync(svgFile, svg);
          svgHref = path.basename(svgFile);
        }
        text = renderBriefMarkdown(report, { svgHref, linkBase });
        // The terminal gets the same brief laid out to fit: aligned columns, long tables cut with a count.
        if (fmt === 'text')
          text = markdownToTerminal(text, {
            width: terminalWidth(io.stdout, io.env),
            color: opts.color !== false && !!io.stdout.isTTY && !io.env.NO_COLOR,
            moreHint: 'pyvet brief -o HANDOFF.md writes them all',
          });
      }
      if (file) {
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, text);
      } else io.stdout.write(text);
      setCode(0);
    });
}
