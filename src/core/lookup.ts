/**
 * Look a key read from scanned code up in a constant table. Plain `table[key]` or `key in table`
 * also finds Object.prototype members: `import constructor` would map to a function.
 */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
