export * from './severity.js';
export * from './finding.js';
export * from './rule.js';
export * from './errors.js';
export * from './report.js';
export * from './role.js';
