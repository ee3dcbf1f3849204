import { type AnswerForm, answerJsonSchema } from "../answers/answer-form.js";
import { InputError } from "../errors.js";
import type { BaseModel } from "../model/base-model.js";
import type { FinishReason } from "../model/messages.js";
import { Persona } from "../persona.js";
import { rejectUnknownOptions } from "../util/known-options.js";
import {
  ACTOR_OPTIONS,
  type ActorOptions,
  actorTypeOf,
  requireAnnotator,
  requirePromptStyleAndName,
} from "./actor-options.js";
import { ActorType } from "./actor-type.js";

import { cleanReply } from "./clean-reply.js";
import { type ActorDescription, buildActorPrompt, formatComment } from "./prompt.js";
import {
  buildActorPrompt22,
  formatComment22,
  type HistoryComment,
  type PromptStyle,
  stopStrings,
  systemPrompt22,
} from "./prompt-22.js";

export type { ActorOptions } from "./actor-options.js";

/** Per-call options of {@link Actor.respond}. */
export interface RespondOptions {
  signal?: AbortSignal;
  /** Passed to the model as its `sessionKey`, so a backend can keep this actor's prompt prefix cached. */
  sessionKey?: string;
  seed?: number;
  /** A line shown to the model just before its cue, e.g. why its previous answer was refused. */
  note?: string;
}

/** One reply of an actor with what is known about how it was made. */
export interface ActorReply {
  /** The cleaned reply; empty when the actor said nothing. */
  text: string;
  /** The model's reply before cleaning. */
  rawText: string;
  promptTokens?: number;
  evaluatedPromptTokens?: number;
  completionTokens?: number;
  finishReason?: FinishReason;
  /** Wall-clock time of the model call. */
  latencyMs: number;
}

/**
 * An LLM user-agent: a persona spoken for by a model. Participants write comments; annotators label them.
 *
 * @example
 * ```ts
 * const actor = new Actor({ model, persona, context: "You are taking part in an online conversation",
 *   instructions: "Act like a human would", actorType: ActorType.USER });
 * const comment = await actor.speak(["User Giannis posted:\nHello!"]);
 * ```
 */
export class Actor {
  readonly model: BaseModel;
  readonly persona: Persona;
  readonly context: string;
  readonly instructions: string;
  readonly actorType: ActorType;
  readonly answerForm: AnswerForm | undefined;
  readonly promptStyle: PromptStyle;
  readonly #name: string;
  /** The persona as given: what a 2.2 system prompt shows (a plain object has no username added). */
  readonly #personaAttributes: Record<string, unknown>;
  // Everything that goes into them is read-only, so both are computed once, not on every turn.
  readonly #systemPrompt: string;
  readonly #responseSchema: Record<string, unknown> | undefined;

  constructor(options: ActorOptions) {
    rejectUnknownOptions(options, ACTOR_OPTIONS, "Actor");
    const {
      model,
      persona,
      name,
      context,
      instructions,
      actorType: givenType,
      isAnnotator,
      promptStyle = "2.0",
      answerForm,
    } = options;
    const actorType = actorTypeOf(givenType, isAnnotator);
    requirePromptStyleAndName(promptStyle, name);
    this.promptStyle = promptStyle;
    this.model = model;
    if (persona instanceof Persona) {
      this.persona = persona;
      this.#personaAttributes = { ...persona.toDict() };
    } else {
      if (promptStyle !== "2.2" || name === undefined) {
        throw new InputError('a persona without a username needs promptStyle "2.2" and a name', {
          field: "persona",
          fix: 'Pass a Persona, or give the actor a name and promptStyle: "2.2"',
        });
      }
      this.persona = new Persona({ ...persona, username: name });
      this.#personaAttributes = { ...persona };
    }
    this.#name = name ?? this.persona.username;
    this.context = context;
    this.instructions = instructions;
    this.actorType = actorType;
    if (answerForm) requireAnnotator(actorType);
    this.answerForm = answerForm;
    this.#systemPrompt =
      promptStyle === "2.2"
        ? systemPrompt22({
            context,
            instructions,
            type: actorType === ActorType.ANNOTATOR ? "annotator" : "user",
            persona: this.#personaAttributes,
          })
        : JSON.stringify(this.describe());
    this.#responseSchema = answerForm ? answerJsonSchema(answerForm) : undefined;
  }

  /** The actor's name in discussions: its `name`, else its persona's username. */
  getName(): string {
    return this.#name;
  }

  /** Whether the actor is an annotator (SynDisco 2.2's `is_annotator`). */
  get isAnnotator(): boolean {
    return this.actorType === ActorType.ANNOTATOR;
  }

  /** The system prompt the actor sends, in its prompt style (what SynDisco 2.2 stores as each comment's `prompt`). */
  get systemPrompt(): string {
    return this.#systemPrompt;
  }

  /** What the actor tells its model about itself; written into output files as SynDisco does. */
  describe(): ActorDescription {
    return {
      context: this.context,
      instructions: this.instructions,
      type: this.actorType,
      persona: { ...this.#personaAttributes },
    };
  }

  /**
   * Asks the model for this actor's next comment (or annotation) given the recent comments.
   *
   * @param history - the recent comments: each as `{ name, text }` (formatted in the actor's prompt style) or
   *   as text already formatted (`User NAME posted:\nTEXT`).
   * @returns the cleaned reply; an empty string means the actor said nothing.
   */
  async speak(history: readonly (string | HistoryComment)[], options: RespondOptions = {}): Promise<string> {
    return (await this.respond(history, options)).text;
  }

  /** Like {@link Actor.speak}, with the raw reply, token counts and latency. */
  async respond(
    history: readonly (string | HistoryComment)[],
    { signal, sessionKey, seed, note }: RespondOptions = {},
  ): Promise<ActorReply> {
    const style22 = this.promptStyle === "2.2";
    const format = style22 ? formatComment22 : formatComment;
    const lines = history.map((entry) => (typeof entry === "string" ? entry : format(entry.name, entry.text)));
    const messages = style22
      ? buildActorPrompt22(this.#systemPrompt, this.isAnnotator, note ? [...lines, note] : lines)
      : buildActorPrompt({
          systemPrompt: this.#systemPrompt,
          actorType: this.actorType,
          username: this.getName(),
          history: lines,
          note,
        });
    const stop = stopStrings(this.isAnnotator, this.promptStyle);
    const startedAt = performance.now();
    // Options that are not set stay undefined rather than absent: one object shape for every call.
    const reply = await this.model.prompt(messages, {
      stop,
      signal,
      sessionKey,
      seed,
      responseSchema: this.#responseSchema,
    });
    const latencyMs = performance.now() - startedAt;
    const text = cleanReply(reply.text, {
      speaker: this.getName(),
      finishReason: reply.finishReason,
      promptStyle: this.promptStyle,
    });
    // New keys before the spread (see BaseModel.prompt for why the order matters).
    return { rawText: reply.text, latencyMs, ...reply, text };
  }
}
