/**
 * The `syndisco` command as a library: config loading and validation, plugin loading, experiment building,
 * progress drawing and the OpenAI-compatible server, for scripts that want parts of the CLI.
 *
 * @packageDocumentation
 */
export { type AnnotateCommandOptions, annotateCommand } from "./commands/annotate.js";
export { type BackendStatus, backendStatuses } from "./commands/backends.js";
export { type ExportCommandOptions, exportCommand } from "./commands/export.js";
export { type InitOptions, initCommand } from "./commands/init.js";
export { type ReportCommandOptions, reportCommand } from "./commands/report.js";
export { type RunCommandOptions, runCommand } from "./commands/run.js";
export { type ServeCommandOptions, serveCommand } from "./commands/serve.js";
export { type StatsCommandOptions, statsCommand } from "./commands/stats.js";
export { viewCommand } from "./commands/view.js";
export {
  buildAnnotationExperiment,
  buildDiscussionExperiment,
  buildTurnManager,
  type ModelLookup,
  modelsUsed,
} from "./config/build-experiments.js";
export { ConfigError } from "./config/config-error.js";
export type { ConfigProblem } from "./config/describe-issue.js";
export { EXAMPLE_CONFIG, EXAMPLE_PERSONAS } from "./config/example-config.js";
export { type ConfigOverrides, type LoadedConfig, loadConfig } from "./config/load-config.js";
export { loadPersonas } from "./config/load-personas.js";
export {
  type AnnotationSection,
  type ConfigData,
  type ConfigInput,
  configSchema,
  type DiscussionsSection,
  type ModelEntry,
  type TurnManagerSetting,
} from "./config/schema.js";
export { ExitCode } from "./exit-codes.js";
export { main } from "./main.js";
export { type FoundPackage, findPackage } from "./plugins/find-package.js";
export { installCommand, KNOWN_BACKENDS, type KnownBackend } from "./plugins/known-backends.js";
export {
  type BackendReference,
  type LoadedPlugin,
  type LoadPluginOptions,
  loadPlugin,
  parseBackendReference,
} from "./plugins/load-plugin.js";
export { ModelSet, openModels } from "./plugins/model-set.js";
export { type PreparedModel, prepareModels } from "./plugins/prepare-models.js";
export { createProgress, type ProgressChoice } from "./progress/create-progress.js";
export { PlainProgress } from "./progress/plain-progress.js";
export { type ProgressSnapshot, ProgressTracker } from "./progress/progress-tracker.js";
export type { ProgressReporter } from "./progress/reporter.js";
export { TtyProgress } from "./progress/tty-progress.js";
export { buildReportData, type ReportLabels, type ReportRows } from "./report/build-report-data.js";
export { loadReportAssets } from "./report/load-report-assets.js";
export { type ReportAssets, renderReportHtml } from "./report/render-report-html.js";
export type {
  ReportAnnotation,
  ReportComment,
  ReportData,
  ReportDiscussion,
  ReportMeasure,
} from "./report/report-data.js";
export { createServeApp, type ServeAppOptions } from "./serve/create-app.js";
export { type RunningServer, startServer } from "./serve/start-server.js";
export { formatStats } from "./stats/format-stats.js";
export { STATS_CSV_COLUMNS, type StatsCsvRow, statsCsvRows } from "./stats/stats-csv-rows.js";
export { renderAnnotation, renderDiscussion } from "./view/render-file.js";
