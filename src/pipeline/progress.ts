/** Progress for long phases. A silent one is used when stderr is not a TTY or with --quiet. */
export interface Progress {
  phase(name: string): void;
  /** `done` of `total` items of the current phase (files parsed, commits read). total 0 = unknown. */
  tick(done: number, total: number, label?: string): void;
  end(): void;
}

export const silentProgress: Progress = { phase() {}, tick() {}, end() {} };

/** A one-line bar redrawn in place on a TTY stream, at most every 100 ms. */
export function ttyProgress(stream: { write(s: string): unknown; columns?: number }): Progress {
  let current = '';
  let last = 0;
  const width = () => Math.max(20, Math.min(100, (stream.columns ?? 80) - 1));
  const draw = (text: string) => stream.write('\r\x1b[2K' + text.slice(0, width()));
  return {
    phase(name) {
      current = name;
      draw(`pyvet: ${name}…`);
    },
    tick(done, total, label) {
      const now = Date.now();
      if (now - last < 100 && done !== total) return;
      last = now;
      if (total > 0) {
        const n = 24;
        const filled = Math.round((done / total) * n);
        draw(`pyvet: ${current} [${'#'.repeat(filled)}${'-'.repeat(n - filled)}] ${done}/${total} ${label ?? ''}`);
      } else draw(`pyvet: ${current} ${done} ${label ?? ''}`);
    },
    end() {
      stream.write('\r\x1b[2K');
    },
  };
}
