/**
 * SynDisco core: personas, actors, turn managers, discussions and annotations between LLM agents, the
 * experiments that run them in bulk, their export, and the model contract that backends implement.
 *
 * @packageDocumentation
 */
export { Actor, type ActorOptions, type ActorReply, type RespondOptions } from "./actor/actor.js";
export { ActorType } from "./actor/actor-type.js";
export { type CleanReplyContext, cleanReply } from "./actor/clean-reply.js";
export {
  type ActorDescription,
  ANNOTATOR_STOP_STRINGS,
  buildActorPrompt,
  formatComment,
  PARTICIPANT_STOP_STRINGS,
} from "./actor/prompt.js";
export {
  type AnswerForm,
  type AnswerValue,
  answerFormSchema,
  answerJsonSchema,
  describeAnswerForm,
  type JsonFieldType,
} from "./answers/answer-form.js";
export { type ParsedAnswer, parseAnswer } from "./answers/parse-answer.js";
export {
  InputError,
  type InputErrorLocation,
  isModelSourceUnreachable,
  ModelSourceUnreachableError,
} from "./errors.js";
export {
  AnnotationExperiment,
  type AnnotationExperimentOptions,
  type AnnotationRunOptions,
} from "./experiments/annotation-experiment.js";
export type { AnnotationPlanUnit } from "./experiments/annotation-plan.js";
export { DiscussionExperiment, type DiscussionExperimentOptions } from "./experiments/discussion-experiment.js";
export type { DiscussionPlanUnit, SeedItem } from "./experiments/discussion-plan.js";
export type {
  ExperimentEvent,
  ExperimentRunOptions,
  ExperimentSummary,
  PromptEvaluation,
} from "./experiments/events.js";
export { ExperimentInterruptedError } from "./experiments/interrupted-error.js";
export { type JournalEntry, type JournalRecord, readJournal } from "./experiments/journal.js";
export type { CastDraw, ParticipantCast, WeightedInstructions } from "./experiments/participant-cast.js";
export type { PlanIdentity } from "./experiments/plan-file.js";
export { STATE_FOLDER } from "./experiments/state-paths.js";
export {
  type AnnotationRow,
  annotationRows,
  type ImportAnnotationsOptions,
  importAnnotations,
} from "./export/import-annotations.js";
export { type DiscussionRow, importDiscussions } from "./export/import-discussions.js";
export { listJsonFiles } from "./export/list-json-files.js";
export { loadDiscussionFolder } from "./export/load-discussions.js";
export { messageId } from "./export/message-id.js";
export { readJsonFile } from "./export/read-json.js";
export { type OutputFileData, readOutputFile, readSidecar } from "./export/read-output-file.js";
export { type ExportRows, writeCsv, writeJsonLines } from "./export/write-rows.js";
export { parseAnnotationFile, type ReadAnnotationOptions } from "./formats/annotation-file.js";
export { fileFormatOf, fileKindOf } from "./formats/detect-format.js";
export {
  type AnnotationFile,
  type DiscussionFile,
  type DiscussionLogEntry,
  type FileFormat,
  type ParseDiscussionOptions,
  parseDiscussionFile,
  type ReadDiscussionOptions,
} from "./formats/discussion-file.js";
export { META_SUFFIX, type Sidecar22, sidecarPathOf } from "./formats/sidecar-22.js";
export {
  readSystemPrompt22,
  type Syndisco22File,
  type Syndisco22LogEntry,
  type Syndisco22Prompt,
} from "./formats/syndisco-22.js";
export { type AnnotatedComment, Annotation, type AnnotationOptions } from "./jobs/annotation.js";
export {
  type BeginOptions,
  Discussion,
  type DiscussionComment,
  type DiscussionEndReason,
  type DiscussionOptions,
  HARDCODED_MODEL,
} from "./jobs/discussion.js";
export { loadDiscussionFile } from "./jobs/load-discussion.js";
export type { ModerationOutcome, ModeratorTurnRecord } from "./jobs/moderation.js";
export { DECISION_QUESTION, type ModeratorDecision } from "./jobs/moderator-decision.js";
export { type ModeratorPolicy, moderatorPolicySchema } from "./jobs/moderator-policy.js";
export type { SeedComment } from "./jobs/seed-thread.js";
export { annotationTo22, discussionTo22, type Output22, type OutputFileOptions } from "./jobs/write-output.js";
export { getLogger, type Logger } from "./logging/logger.js";
export { type LoggingSetupOptions, loggingSetup } from "./logging/logging-setup.js";
export { BaseModel, type BaseModelOptions } from "./model/base-model.js";
export { formatPlainChat, formatRawChat } from "./model/chat-format.js";
export {
  BYTES_PER_CPU_THREAD,
  type CpuThreadChoice,
  type CpuThreadInputs,
  chooseCpuThreads,
  measureCpuLoad,
  pickCpuThreads,
  registerCpuModel,
} from "./model/cpu-threads.js";
export type {
  ChatMessage,
  ChatRole,
  FinishReason,
  GenerateOptions,
  ModelReply,
  PromptOptions,
} from "./model/messages.js";
export { type ModelFileIdentity, modelFileIdentity } from "./model/model-file-identity.js";
export {
  defineModelPlugin,
  isModelPlugin,
  type ModelPlugin,
  type ModelPluginContext,
  parsePluginOptions,
} from "./model/plugin.js";
export { Persona, type PersonaData, type PersonaValue } from "./persona.js";
export { type DrawPopulationOptions, drawPopulation } from "./population/draw-population.js";
export { parsePopulationSpec } from "./population/parse-population-spec.js";
export { type PopulationSpec, type PopulationSpecInput, populationSpecSchema } from "./population/population-spec.js";
export { randomSeed, SeededRandom } from "./random.js";
export {
  type AnnotationStats,
  type AnnotationStatsOptions,
  annotationStats,
  type CommentStats,
  type MeasureStats,
} from "./stats/annotation-stats.js";
export { type AnnotatorValidity, annotatorValidity, coderOf } from "./stats/annotator-validity.js";
export type { Breakdown, BreakdownGroup, GroupValue } from "./stats/breakdown.js";
export { type JoinedAnnotation, joinComments } from "./stats/join-comments.js";
export { krippendorffAlpha, type MeasurementLevel, type Rating } from "./stats/krippendorff.js";
export type { Agreement, AlphaByLevel, PairAgreement } from "./stats/measure-agreement.js";
export { type MeasureValue, measureValues } from "./stats/measure-values.js";
export { type PersonaAttributes, personaAttributes } from "./stats/persona-attributes.js";
export { type StatValue, summariseValues, type ValueCount, type ValueSummary } from "./stats/summarise-values.js";
export { type CellFilter, cellId, matchesFilter, parseCellFilter } from "./studies/cell-id.js";
export { expandDesign, type StudyCell, type StudyFactor, type StudySet } from "./studies/design.js";
export { MANIFEST_FILE, type ManifestCell, readManifest, type StudyManifest } from "./studies/manifest.js";
export { PlaceholderModel } from "./studies/placeholder-model.js";
export { type ModelGroup, scheduleByModel } from "./studies/schedule.js";
export { type CellPlan, type CellSetup, Study, type StudyOptions, studyCellFolder } from "./studies/study.js";
export type {
  CellOutcome,
  CellSelection,
  ModelLookup,
  StudyEvent,
  StudyRunOptions,
  StudySummary,
} from "./studies/study-events.js";
export { StudyInterruptedError } from "./studies/study-interrupted-error.js";
export { QueueTurnManager, type QueueTurnManagerOptions } from "./turn-managers/queue-turn-manager.js";
export { RandomTurnManager, type RandomTurnManagerOptions } from "./turn-managers/random-turn-manager.js";
export { RandomWeighted, type RandomWeightedOptions } from "./turn-managers/random-weighted.js";
export { RespondTurnManager, type RespondTurnManagerOptions } from "./turn-managers/respond-turn-manager.js";
export { RoundRobin } from "./turn-managers/round-robin.js";
export { TurnManager, type TurnManagerDescription } from "./turn-managers/turn-manager.js";
export {
  ADJECTIVE_NOUN_CAPACITY,
  type AdjectiveNounNamesOptions,
  adjectiveNounNames,
} from "./usernames/adjective-noun-names.js";
export { type AtomicWriteOptions, writeFileAtomic } from "./util/atomic-write.js";
export { delay } from "./util/delay.js";
export { nearestName } from "./util/nearest-name.js";
export { syndiscoTimestamp } from "./util/timestamp.js";
export { hideUrlCredentials } from "./util/url-credentials.js";
export { type WriteErrorOptions, writeError } from "./util/write-error.js";
export { VERSION } from "./version.js";
