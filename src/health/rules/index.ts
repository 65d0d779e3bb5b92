import type { HealthRule } from '../rule.js';
import { bareExcept } from './bare-except.js';
import { swallowedException } from './swallowed-exception.js';
import { printInLibrary } from './print-in-library.js';
import { mutableDefault } from './mutable-default.js';
import { assertValidation } from './assert-validation.js';
import { evalExec } from './eval-exec.js';
import { shellTrue } from './shell-true.js';
import { pickleLoad } from './pickle-load.js';
import { yamlUnsafeLoad } from './yaml-unsafe-load.js';
import { tlsVerifyDisabled } from './tls-verify-disabled.js';
import { debugEnabled } from './debug-enabled.js';
import { sqlInjection } from './sql-injection.js';
import { weakPasswordHash } from './weak-password-hash.js';
import { httpNoTimeout } from './http-no-timeout.js';
import { blockingInAsync } from './blocking-in-async.js';
import { logWithoutTraceback } from './log-without-traceback.js';
import { secretInLog } from './secret-in-log.js';
import { allowedHostsWildcard } from './allowed-hosts-wildcard.js';
import { complexFunction } from './complex-function.js';
import { lowMaintainability } from './low-maintainability.js';
import { importCycle } from './import-cycle.js';
import { undocumentedEnvVar } from './undocumented-env-var.js';
import { undeclaredDependency } from './undeclared-dependency.js';
import { unusedDependency } from './unused-dependency.js';
import { devDependencyInProduction } from './dev-dependency-in-production.js';
import { unpinnedAction } from './unpinned-action.js';
import { knowledgeIsland } from './knowledge-island.js';
import { dockerUnpinnedBase } from './docker-unpinned-base.js';
import { dockerRootUser } from './docker-root-user.js';
import { dockerSecretEnv } from './docker-secret-env.js';
import { testsPresent } from './tests-present.js';
import { testsRatio } from './tests-ratio.js';
import { testsLayers } from './tests-layers.js';
import { testsCoverage } from './tests-coverage.js';
import { testsUntestedModules } from './tests-untested-modules.js';
import { ciPresent } from './ci-present.js';
import { ciInstalls } from './ci-installs.js';
import { ciRunsTests } from './ci-runs-tests.js';
import { ciLints } from './ci-lints.js';
import { ciFormatCheck } from './ci-format-check.js';
import { ciTypeCheck } from './ci-type-check.js';
import { ciSecurityScan } from './ci-security-scan.js';
import { ciPythonMatrix } from './ci-python-matrix.js';
import { docsReadme } from './docs-readme.js';
import { docsContributing } from './docs-contributing.js';
import { docsArchitecture } from './docs-architecture.js';
import { docsChangelog } from './docs-changelog.js';
import { docsLicense } from './docs-license.js';
import { docsSecurityPolicy } from './docs-security-policy.js';
import { structureLintConfig } from './structure-lint-config.js';
import { structureFormatConfig } from './structure-format-config.js';
import { structureTypeConfig } from './structure-type-config.js';
import { structureLoggingConfig } from './structure-logging-config.js';
import { structureMaintainability } from './structure-maintainability.js';
import { dependenciesDeclared } from './dependencies-declared.js';
import { dependenciesPinned } from './dependencies-pinned.js';
import { historyBusFactor } from './history-bus-factor.js';
import { historyCommitHygiene } from './history-commit-hygiene.js';
import { historyActivity } from './history-activity.js';

/** Every health rule, in the order `pyvet rules` and docs/rules.md list them. */
export const RULES: readonly HealthRule[] = [
  bareExcept,
  swallowedException,
  printInLibrary,
  mutableDefault,
  assertValidation,
  evalExec,
  shellTrue,
  pickleLoad,
  yamlUnsafeLoad,
  tlsVerifyDisabled,
  debugEnabled,
  sqlInjection,
  weakPasswordHash,
  httpNoTimeout,
  blockingInAsync,
  logWithoutTraceback,
  secretInLog,
  allowedHostsWildcard,
  complexFunction,
  lowMaintainability,
  importCycle,
  undocumentedEnvVar,
  undeclaredDependency,
  unusedDependency,
  devDependencyInProduction,
  unpinnedAction,
  knowledgeIsland,
  dockerUnpinnedBase,
  dockerRootUser,
  dockerSecretEnv,
  testsPresent,
  testsRatio,
  testsLayers,
  testsCoverage,
  testsUntestedModules,
  ciPresent,
  ciInstalls,
  ciRunsTests,
  ciLints,
  ciFormatCheck,
  ciTypeCheck,
  ciSecurityScan,
  ciPythonMatrix,
  docsReadme,
  docsContributing,
  docsArchitecture,
  docsChangelog,
  docsLicense,
  docsSecurityPolicy,
  structureLintConfig,
  structureFormatConfig,
  structureTypeConfig,
  structureLoggingConfig,
  structureMaintainability,
  dependenciesDeclared,
  dependenciesPinned,
  historyBusFactor,
  historyCommitHygiene,
  historyActivity,
];
