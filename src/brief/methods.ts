import { functionLine, functionName, type FunctionTable } from '../python/functions.js';
import type { ClassFact } from './extract.js';

export interface MethodFact {
  name: string;
  /** The `def` line. */
  line: number;
  /** As written, without `@`. */
  decorators: string[];
}

/** A class's methods, in order, read from its file's function table (where a method is `Class.name`). */
export function classMethods(functions: FunctionTable | undefined, c: ClassFact): MethodFact[] {
  if (!functions || !c.methods) return [];
  return c.methods.map((row) => {
    const name = functionName(functions, row);
    // The function table names an anonymous def (a syntax error) as tree-sitter's missing name; the class body reads ''.
    const own = name.slice(name.indexOf('.') + 1);
    return { name: own === '<anonymous>' ? '' : own, line: functionLine(functions, row), decorators: c.methodDecorators?.[row] ?? [] };
  });
}
