import { collectFunctions } from '../python/complexity.js';
import { functionTable, type FunctionTable } from '../python/functions.js';
import { parsePython } from '../python/parse.js';
import { extractBriefFacts, type BriefFacts } from './extract.js';

/** A file's brief facts and the function table its classes' methods refer to, as analyzeSource makes them. */
export function briefFile(src: string, path: string): { facts: BriefFacts; functions: FunctionTable | undefined } {
  const root = parsePython(src);
  const functions = functionTable(collectFunctions(root));
  return { facts: extractBriefFacts(root, src, path, functions), functions };
}
