import { randomUUID } from "node:crypto";
import type { Actor } from "../actor/actor.js";
import { ActorType } from "../actor/actor-type.js";
import { formatComment } from "../actor/prompt.js";
import type { HistoryComment } from "../actor/prompt-22.js";
import type { AnswerValue } from "../answers/answer-form.js";
import { InputError } from "../errors.js";
import type { AnnotationFile, DiscussionFile } from "../formats/discussion-file.js";
import { type KnownOptions, rejectUnknownOptions } from "../util/known-options.js";
import { syndiscoTimestamp } from "../util/timestamp.js";
import { VERSION } from "../version.js";
import { type AnnotationDetail, describeAnswer, storedAnswer } from "./annotation-details.js";
import { askAnnotator } from "./ask-annotator.js";
import { defaultCommentConcurrency } from "./comment-concurrency.js";
import type { BeginOptions } from "./discussion.js";
import { Discussion } from "./discussion.js";
import { History } from "./history.js";
import { loadDiscussionFile } from "./load-discussion.js";
import { mapInOrder } from "./map-in-order.js";
import { requireWholeNumber } from "./validate.js";
import { type OutputFileOptions, writeOutputFile } from "./write-output.js";

/** Options of {@link Annotation}, with SynDisco's names in camelCase. */
export interface AnnotationOptions {
  /** The annotator: an actor of type {@link ActorType.ANNOTATOR}. */
  annotator: Actor;
  /** The discussion to annotate: a path to its file, its parsed file, or a finished {@link Discussion}. */
  conversation: string | DiscussionFile | Discussion;
  /** Annotate the moderator's comments too, and show them as context. Default `true`. */
  includeModeratorComments?: boolean;
  /** How many comments the annotator sees: the one it labels and those before it. Default 2. */
  historyCtxLen?: number;
  /**
   * How many times an answer that does not fit the annotator's `answerForm` is asked again before it is
   * recorded as invalid. Default 2.
   */
  answerRetries?: number;
  /**
   * How many comments are annotated at once. Each sees the same comments as one at a time, and the results
   * are recorded in the discussion's order, so only the speed changes. Default: as many as the annotator's
   * model serves at once (its `concurrency`, for llama.cpp its `parallel`), at most 64.
   */
  commentConcurrency?: number;
  /** The annotation's id; a random UUID by default. */
  id?: string;
  /** Extra keys written into the annotation's file. */
  metadata?: Record<string, unknown>;
}

const ANNOTATION_OPTIONS: KnownOptions<AnnotationOptions> = {
  annotator: true,
  conversation: true,
  includeModeratorComments: true,
  historyCtxLen: true,
  answerRetries: true,
  commentConcurrency: true,
  id: true,
  metadata: true,
};

/** One annotated comment, as it happens. */
export interface AnnotatedComment {
  /** Who wrote the comment. */
  name: string;
  comment: string;
  annotation: string;
  /** The comment's position in the discussion's log (0-based). */
  index: number;
  /** The parsed answer, for annotators with an answer form (`null` when it never fit). */
  value: AnswerValue | null;
  /** Whether the answer fits the annotator's answer form; `undefined` without one. */
  valid: boolean | undefined;
  /** Tokens in the prompts and the replies (over every attempt), where the backend reports them. */
  promptTokens?: number;
  /** Of the prompt tokens, those the backend evaluated (the rest came from its cache), where it says. */
  evaluatedPromptTokens?: number;
  completionTokens?: number;
}

/** One comment to annotate: where it stands in the log, and what the annotator sees with it. */
interface CommentToAnnotate {
  index: number;
  name: string;
  text: string;
  history: readonly HistoryComment[];
}

/**
 * An annotator judging each comment of a finished discussion in turn, seeing it with the comments before it.
 *
 * @example
 * ```ts
 * const annotation = new Annotation({ annotator, conversation: "discussion.json" });
 * await annotation.begin();
 * await annotation.toJsonFile("annotation.json");
 * ```
 */
export class Annotation implements AsyncIterable<AnnotatedComment> {
  readonly id: string;
  readonly annotator: Actor;
  readonly includeModeratorComments: boolean;
  readonly historyCtxLen: number;
  readonly answerRetries: number;
  /** Comments annotated at once. */
  readonly commentConcurrency: number;
  readonly #conversation: string | DiscussionFile | Discussion;
  readonly #metadata: Record<string, unknown>;
  readonly #logs: [string, string][] = [];
  readonly #details: AnnotationDetail[] = [];
  #discussion: DiscussionFile | undefined;
  #started = false;
  #finishedAt: Date | undefined;

  constructor(options: AnnotationOptions) {
    rejectUnknownOptions(options, ANNOTATION_OPTIONS, "Annotation");
    const {
      annotator,
      conversation,
      includeModeratorComments = true,
      historyCtxLen = 2,
      answerRetries = 2,
      commentConcurrency = defaultCommentConcurrency(annotator.model),
      id = randomUUID(),
      metadata = {},
    } = options;
    if (annotator.actorType !== ActorType.ANNOTATOR) {
      throw new InputError(`"${annotator.getName()}" is not an annotator`, {
        field: "annotator",
        fix: "Create the annotator with actorType: ActorType.ANNOTATOR",
      });
    }
    requireWholeNumber(historyCtxLen, "historyCtxLen", 1);
    requireWholeNumber(answerRetries, "answerRetries", 0);
    requireWholeNumber(commentConcurrency, "commentConcurrency", 1);
    this.id = id;
    this.annotator = annotator;
    this.includeModeratorComments = includeModeratorComments;
    this.historyCtxLen = historyCtxLen;
    this.answerRetries = answerRetries;
    this.commentConcurrency = commentConcurrency;
    this.#conversation = conversation;
    this.#metadata = metadata;
  }

  /** Annotates every comment. An annotation runs once; create a new one to run again. */
  async begin({ verbose = true, signal }: BeginOptions = {}): Promise<void> {
    for await (const item of this.#run(signal)) {
      if (verbose) console.log(`${formatComment(item.name, item.comment)}\n${item.annotation}\n`);
    }
  }

  /** Runs the annotation, yielding each annotated comment. */
  [Symbol.asyncIterator](): AsyncIterator<AnnotatedComment> {
    return this.#run(undefined);
  }

  /** Like iterating the annotation, with a signal that stops it. */
  annotations({ signal }: { signal?: AbortSignal } = {}): AsyncIterable<AnnotatedComment> {
    return { [Symbol.asyncIterator]: () => this.#run(signal) };
  }

  /** The annotation as SynDisco's JSON: its keys with its meaning, then ours. */
  toDict(): AnnotationFile {
    if (!this.#discussion) throw new Error("the annotation has not run yet; call begin() first");
    return {
      conv_id: this.#discussion.id,
      timestamp: syndiscoTimestamp(this.#finishedAt ?? new Date()),
      annotator_model: this.annotator.model.name,
      annotator_prompt: this.annotator.describe(),
      ctx_length: this.historyCtxLen,
      logs: this.#logs.map(([comment, annotation]) => [comment, annotation]),
      id: this.id,
      annotator: this.annotator.getName(),
      include_moderator_comments: this.includeModeratorComments,
      answer_form: this.annotator.answerForm ?? null,
      annotation_details: this.#details.map((detail) => ({ ...detail })),
      syndisco_version: VERSION,
      // A study's discussion records its cell; its annotations carry the cell on, for the factor columns.
      ...studyCellOf(this.#discussion),
      ...this.#metadata,
    };
  }

  /**
   * Writes {@link Annotation.toDict} to a file, whole or not at all; never replaces a file unless told to.
   * With `format: "syndisco-2.2"` the file holds exactly what SynDisco 2.2 writes and the rest (the comments
   * and the discussion's id included) goes to its sidecar `NAME.meta.json`.
   */
  async toJsonFile(path: string, options?: OutputFileOptions): Promise<void> {
    await writeOutputFile(path, "annotation", this.toDict(), options);
  }

  async *#run(signal: AbortSignal | undefined): AsyncGenerator<AnnotatedComment> {
    if (this.#started) throw new Error("this annotation has already run; create a new Annotation to run another");
    this.#started = true;
    const discussion = await this.#loadConversation();
    this.#discussion = discussion;
    // One session for all of this annotator's calls: every prompt starts with its system prompt, so a backend
    // that keeps the sequences of a session together reuses it, whichever comment a sequence served last.
    const sessionKey = `annotator/${this.annotator.getName()}`;
    const comments = this.#commentsToAnnotate(discussion);
    const answers = mapInOrder(
      comments,
      this.commentConcurrency,
      async (comment, taskSignal) =>
        askAnnotator(this.annotator, comment.history, this.answerRetries, { sessionKey, signal: taskSignal }),
      signal,
    );
    let position = 0;
    for await (const answer of answers) {
      const { index, name, text } = comments[position++] as CommentToAnnotate;
      const stored = storedAnswer(answer);
      this.#logs.push([text, stored]);
      this.#details.push(describeAnswer(name, index, answer, stored));
      yield {
        name,
        comment: text,
        annotation: stored,
        index,
        value: answer.value,
        valid: answer.valid,
        ...(answer.promptTokens === undefined ? {} : { promptTokens: answer.promptTokens }),
        ...(answer.evaluatedPromptTokens === undefined ? {} : { evaluatedPromptTokens: answer.evaluatedPromptTokens }),
        ...(answer.completionTokens === undefined ? {} : { completionTokens: answer.completionTokens }),
      };
    }
    this.#finishedAt = new Date();
  }

  /** The comments to annotate in order, each with the window of comments the annotator sees with it. */
  #commentsToAnnotate(discussion: DiscussionFile): CommentToAnnotate[] {
    const history = new History(this.historyCtxLen);
    const comments: CommentToAnnotate[] = [];
    for (const [index, { name, text }] of discussion.logs.entries()) {
      if (!this.includeModeratorComments && name === discussion.moderator) continue;
      history.add({ name, text });
      comments.push({ index, name, text, history: history.recent() });
    }
    return comments;
  }

  async #loadConversation(): Promise<DiscussionFile> {
    const source = this.#conversation;
    if (typeof source === "string") return loadDiscussionFile(source);
    if (source instanceof Discussion) return source.toDict();
    return source;
  }
}

/** `{ study }` when the discussion belongs to a study's cell (its file records the cell), else nothing. */
function studyCellOf(discussion: DiscussionFile): { study?: unknown } {
  const { study } = discussion as { study?: unknown };
  return typeof study === "object" && study !== null ? { study } : {};
}
