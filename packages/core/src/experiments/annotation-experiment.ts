import { basename } from "node:path";
import type { Actor } from "../actor/actor.js";
import { ActorType } from "../actor/actor-type.js";
import { formatComment } from "../actor/prompt.js";
import { parseAnnotationFile } from "../formats/annotation-file.js";
import type { FileFormat } from "../formats/discussion-file.js";
import { Annotation } from "../jobs/annotation.js";
import { defaultCommentConcurrency } from "../jobs/comment-concurrency.js";
import { requireWholeNumber } from "../jobs/validate.js";
import { requireFileFormat } from "../jobs/write-output.js";
import { type KnownOptions, rejectUnknownOptions } from "../util/known-options.js";
import { type AnnotationPlanUnit, findDiscussions, planAnnotations } from "./annotation-plan.js";
import type { ExperimentRunOptions, ExperimentSummary } from "./events.js";
import { actorIdentity, ExperimentSeed, modelIdentities, requireActorPool } from "./experiment-options.js";
import { fingerprintOf } from "./fingerprint.js";
import type { PlanIdentity } from "./plan-file.js";
import { runExperiment, type SaveUnit, type UnitContext } from "./run-experiment.js";
import { requireOwnOutput } from "./unit-output.js";

/** Options of {@link AnnotationExperiment}, with SynDisco's names in camelCase. */
export interface AnnotationExperimentOptions {
  /** The annotators (actors of type `ActorType.ANNOTATOR`); each annotates every discussion. */
  annotators: readonly Actor[];
  /** How many comments an annotator sees: the one it labels and those before it. Default 3. */
  historyCtxLen?: number;
  /** Annotate the moderator's comments too. Default `true`. */
  includeModComments?: boolean;
  /**
   * How many times an answer that does not fit its annotator's `answerForm` is asked again before it is
   * recorded as invalid. Default 2.
   */
  answerRetries?: number;
  /** How many annotations run at once (do model work; a finished one is written outside its slot). Default 1. */
  concurrency?: number;
  /**
   * How many comments of each discussion an annotation sends at once (see `Annotation`'s option of that
   * name): the files are the same, only the speed changes. Default: each annotator's model's `concurrency`
   * shared between the `concurrency` annotations running at once, at least 1 (so a llama.cpp model with
   * `parallel: 4` and `concurrency: 1` annotates 4 comments at once; with `parallel: 1`, one).
   */
  commentConcurrency?: number;
  /**
   * Recorded in the plan and in every annotation file, to tell runs apart. When omitted, one is drawn and
   * kept in the output folder for reruns.
   */
  seed?: number;
  /**
   * The format of the annotation files: `"syndisco-2.0"` (default) or `"syndisco-2.2"` (exactly what SynDisco
   * 2.2 writes; the rest, the annotated comments and the discussion's id included, goes to a sidecar
   * `NAME.meta.json`).
   */
  format?: FileFormat;
}

const ANNOTATION_EXPERIMENT_OPTIONS: KnownOptions<AnnotationExperimentOptions> = {
  annotators: true,
  historyCtxLen: true,
  includeModComments: true,
  answerRetries: true,
  concurrency: true,
  commentConcurrency: true,
  seed: true,
  format: true,
};

/** Options of {@link AnnotationExperiment.begin}. */
export interface AnnotationRunOptions extends ExperimentRunOptions {
  /** The folder of discussion files to annotate (every `*.json` at its top level). */
  discussionsDir: string;
}

/**
 * Every annotator on every discussion of a folder, each annotation written to its own file the moment it
 * ends. Running it again into the same output folder finishes what is missing, including the discussions
 * added to the folder since.
 *
 * @example
 * ```ts
 * const experiment = new AnnotationExperiment({ annotators, concurrency: 4 });
 * await experiment.begin({ discussionsDir: "./output/discussions", outputDir: "./output/annotations" });
 * ```
 */
export class AnnotationExperiment {
  /** The annotators; each annotates every discussion. */
  readonly annotators: readonly Actor[];
  /** How many comments an annotator sees. */
  readonly historyCtxLen: number;
  /** Whether the moderator's comments are annotated too. */
  readonly includeModComments: boolean;
  /** Retries of an answer that does not fit its form. */
  readonly answerRetries: number;
  /** Annotations run at once. */
  readonly concurrency: number;
  /** The format of the annotation files. */
  readonly format: FileFormat;
  /** Comments each annotation sends at once; `undefined` picks it per annotator (see the option). */
  readonly commentConcurrency: number | undefined;
  readonly #annotatorsByName: ReadonlyMap<string, Actor>;
  readonly #seed: ExperimentSeed;

  /** @throws {@link InputError} naming the option when one is invalid. */
  constructor(options: AnnotationExperimentOptions) {
    rejectUnknownOptions(options, ANNOTATION_EXPERIMENT_OPTIONS, "AnnotationExperiment");
    const {
      annotators,
      historyCtxLen = 3,
      includeModComments = true,
      answerRetries = 2,
      concurrency = 1,
      commentConcurrency,
      seed,
      format = "syndisco-2.0",
    } = options;
    requireFileFormat(format);
    requireActorPool(annotators, "annotators", ActorType.ANNOTATOR);
    requireWholeNumber(historyCtxLen, "historyCtxLen", 1);
    requireWholeNumber(answerRetries, "answerRetries", 0);
    requireWholeNumber(concurrency, "concurrency", 1);
    if (commentConcurrency !== undefined) requireWholeNumber(commentConcurrency, "commentConcurrency", 1);
    this.annotators = [...annotators];
    this.historyCtxLen = historyCtxLen;
    this.includeModComments = includeModComments;
    this.answerRetries = answerRetries;
    this.concurrency = concurrency;
    this.format = format;
    this.commentConcurrency = commentConcurrency;
    this.#annotatorsByName = new Map(annotators.map((annotator) => [annotator.getName(), annotator]));
    this.#seed = new ExperimentSeed(seed);
  }

  /** The seed recorded with the annotations (see {@link AnnotationExperimentOptions.seed}). */
  get seed(): number {
    return this.#seed.value;
  }

  /**
   * The plan: every annotator on every discussion file of the folder.
   *
   * @throws {@link InputError} naming the folder when it is missing or empty, or the file that is not a
   *   discussion.
   */
  async plan(discussionsDir: string): Promise<AnnotationPlanUnit[]> {
    const discussions = await findDiscussions(discussionsDir);
    return planAnnotations(
      this.annotators.map((annotator) => annotator.getName()),
      discussions,
    );
  }

  /**
   * Runs every annotation of the plan that the output folder does not hold yet, `concurrency` at once, and
   * writes each to `<outputDir>/<unit id>.json`. The discussions folder is checked before anything runs.
   *
   * @throws {@link ExperimentInterruptedError} when stopped by SIGINT, SIGTERM or `signal`.
   * @throws {@link InputError} for a bad discussions folder, or an output folder that cannot be written or
   *   holds another experiment's output.
   */
  async begin({ discussionsDir, ...options }: AnnotationRunOptions): Promise<ExperimentSummary> {
    const units = await this.plan(discussionsDir);
    let identity = this.#identity();
    return runExperiment<AnnotationPlanUnit>(
      {
        unitNoun: "annotations",
        concurrency: this.concurrency,
        format: this.format,
        identify: (stored) => {
          this.#seed.adopt(stored, "annotation");
          identity = this.#identity();
          return identity;
        },
        units: () => units,
        checkOutput: (data, file, unit, sidecar) =>
          requireOwnOutput(parseAnnotationFile(data, file, { sidecar }), file, unit.id),
        runUnit: (unit, context) => this.#runAnnotation(unit, context, identity),
      },
      options,
    );
  }

  async #runAnnotation(
    unit: AnnotationPlanUnit,
    { signal, outputFile, reportTurn, show }: UnitContext,
    identity: PlanIdentity,
  ): Promise<SaveUnit> {
    const annotator = this.#annotatorsByName.get(unit.annotator) as Actor;
    const annotation = new Annotation({
      annotator,
      conversation: unit.discussionFile,
      includeModeratorComments: this.includeModComments,
      historyCtxLen: this.historyCtxLen,
      answerRetries: this.answerRetries,
      commentConcurrency: this.commentConcurrency ?? defaultCommentConcurrency(annotator.model, this.concurrency),
      metadata: {
        experiment: {
          fingerprint: identity.fingerprint,
          unit_id: unit.id,
          index: unit.index,
          seed: identity.seed,
          discussion_file: basename(unit.discussionFile),
        },
      },
    });
    for await (const item of annotation.annotations({ signal })) {
      reportTurn({
        name: unit.annotator,
        promptTokens: item.promptTokens,
        evaluatedPromptTokens: item.evaluatedPromptTokens,
        completionTokens: item.completionTokens,
      });
      show(`${formatComment(item.name, item.comment)}\n${item.annotation}\n`);
    }
    return () => annotation.toJsonFile(outputFile, { format: this.format });
  }

  #identity(): PlanIdentity {
    const description = {
      kind: "annotation",
      seed: this.#seed.value,
      historyCtxLen: this.historyCtxLen,
      includeModComments: this.includeModComments,
      answerRetries: this.answerRetries,
      annotators: this.annotators.map(actorIdentity),
      format: this.format === "syndisco-2.0" ? undefined : this.format,
    };
    const models = modelIdentities(this.annotators);
    return { kind: "annotation", seed: this.#seed.value, fingerprint: fingerprintOf(description), description, models };
  }
}
