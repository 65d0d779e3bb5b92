import type { FunctionFact } from './complexity.js';

/**
 * A file's functions as two columns instead of one object per function: the facts are cached on disk
 * and decoded on every warm scan, where 55,000 small objects (the stdlib's) cost more to parse and to
 * keep than the two arrays per file that hold the same numbers. Rows are in collectFunctions' order
 * (by line, then column); the brief's class methods refer to them by row.
 */
export interface FunctionTable {
  /** FunctionFact.name per row: `func`, `Class.method`, `outer.inner`. */
  names: string[];
  /** ROW_WIDTH numbers per row: line, endLine − line, complexity, col, method (1) or not (0). */
  rows: number[];
}

const ROW_WIDTH = 5;

/** The table of `fns`, or undefined when the file has none (an empty table is not stored). */
export function functionTable(fns: FunctionFact[]): FunctionTable | undefined {
  if (!fns.length) return undefined;
  const names: string[] = [];
  const rows: number[] = [];
  for (const f of fns) {
    names.push(f.name);
    rows.push(f.line, f.endLine - f.line, f.complexity, f.col, f.method ? 1 : 0);
  }
  return { names, rows };
}

export function functionCount(t: FunctionTable | undefined): number {
  return t ? t.names.length : 0;
}

export function functionName(t: FunctionTable, row: number): string {
  return t.names[row]!;
}

export function functionLine(t: FunctionTable, row: number): number {
  return t.rows[row * ROW_WIDTH]!;
}

export function functionComplexity(t: FunctionTable, row: number): number {
  return t.rows[row * ROW_WIDTH + 2]!;
}

export function functionAt(t: FunctionTable, row: number): FunctionFact {
  const at = row * ROW_WIDTH;
  const line = t.rows[at]!;
  return { name: t.names[row]!, line, endLine: line + t.rows[at + 1]!, complexity: t.rows[at + 2]!, col: t.rows[at + 3]!, method: t.rows[at + 4] === 1 };
}

/** Every row as a FunctionFact, in order. */
export function functionsOf(t: FunctionTable | undefined): FunctionFact[] {
  const out: FunctionFact[] = [];
  for (let i = 0; i < functionCount(t); i++) out.push(functionAt(t!, i));
  return out;
}

/** Sum of the complexity of every function of the file. */
export function totalComplexity(t: FunctionTable | undefined): number {
  let sum = 0;
  for (let i = 0; i < functionCount(t); i++) sum += functionComplexity(t!, i);
  return sum;
}

/** The row of the `def` at `line` and 0-based `col`, or -1: a binary search, rows being in (line, col) order. */
export function functionRow(t: FunctionTable | undefined, line: number, col: number): number {
  if (!t) return -1;
  let lo = 0;
  let hi = t.names.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (functionLine(t, mid) < line) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < t.names.length && functionLine(t, i) === line; i++) if (t.rows[i * ROW_WIDTH + 3] === col) return i;
  return -1;
}
