export { main } from './cli/main.js';
export { runScan, type ScanOptions, type Section } from './pipeline/scan.js';
export type { ScanReport } from './core/report.js';
export type { Finding } from './core/finding.js';
