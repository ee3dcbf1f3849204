import { type AnswerForm, answerJsonSchema } from "../answers/answer-form.js";
import { InputError } from "../errors.js";
import type { BaseModel } from "../model/base-model.js";
import type { FinishReason } from "../model/messages.js";
import type { Persona } from "../persona.js";
import { type KnownOptions, rejectUnknownOptions } from "../util/known-options.js";
import { ActorType } from "./actor-type.js";
import { cleanReply } from "./clean-reply.js";
import { type ActorDescription, ANNOTATOR_STOP_STRINGS, buildActorPrompt, PARTICIPANT_STOP_STRINGS } from "./prompt.js";

/** Options of {@link Actor}, with SynDisco's names in camelCase. */
export interface ActorOptions {
  /** The model that speaks for this actor. */
  model: BaseModel;
  /** Who the actor is. */
  persona: Persona;
  /** The setting shared by all actors, e.g. "You are taking part in an online conversation". */
  context: string;
  /** What this actor should do, e.g. "Act like a human would". */
  instructions: string;
  /** Participant (default) or annotator. */
  actorType?: ActorType;
  /**
   * For annotators: the form their answers must take (a scale, a label, or a JSON object). Backends that can
   * constrain generation are held to it, and {@link Annotation} checks every answer against it.
   */
  answerForm?: AnswerForm;
}

const ACTOR_OPTIONS: KnownOptions<ActorOptions> = {
  model: true,
  persona: true,
  context: true,
  instructions: true,
  actorType: true,
  answerForm: true,
};

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
  // Everything that goes into them is read-only, so both are computed once, not on every turn.
  readonly #systemPrompt: string;
  readonly #responseSchema: Record<string, unknown> | undefined;

  constructor(options: ActorOptions) {
    rejectUnknownOptions(options, ACTOR_OPTIONS, "Actor");
    const { model, persona, context, instructions, actorType = ActorType.USER, answerForm } = options;
    if (!Object.values(ActorType).includes(actorType)) {
      throw new InputError(`unknown actor type ${JSON.stringify(actorType)}`, {
        field: "actorType",
        fix: "Use ActorType.USER or ActorType.ANNOTATOR",
      });
    }
    this.model = model;
    this.persona = persona;
    this.context = context;
    this.instructions = instructions;
    this.actorType = actorType;
    if (answerForm && actorType !== ActorType.ANNOTATOR) {
      throw new InputError("only annotators have an answer form", {
        field: "answerForm",
        fix: "Use actorType: ActorType.ANNOTATOR, or leave answerForm out",
      });
    }
    this.answerForm = answerForm;
    this.#systemPrompt = JSON.stringify(this.describe());
    this.#responseSchema = answerForm ? answerJsonSchema(answerForm) : undefined;
  }

  /** The actor's name in discussions: its persona's username. */
  getName(): string {
    return this.persona.username;
  }

  /** What the actor tells its model about itself; written into output files as SynDisco does. */
  describe(): ActorDescription {
    return {
      context: this.context,
      instructions: this.instructions,
      type: this.actorType,
      persona: { ...this.persona.toDict() },
    };
  }

  /**
   * Asks the model for this actor's next comment (or annotation) given the recent comments.
   *
   * @param history - the recent comments, each formatted as `User NAME posted:\nTEXT`.
   * @returns the cleaned reply; an empty string means the actor said nothing.
   */
  async speak(history: readonly string[], options: RespondOptions = {}): Promise<string> {
    return (await this.respond(history, options)).text;
  }

  /** Like {@link Actor.speak}, with the raw reply, token counts and latency. */
  async respond(
    history: readonly string[],
    { signal, sessionKey, seed, note }: RespondOptions = {},
  ): Promise<ActorReply> {
    const messages = buildActorPrompt({
      systemPrompt: this.#systemPrompt,
      actorType: this.actorType,
      username: this.getName(),
      history,
      note,
    });
    const stop = this.actorType === ActorType.ANNOTATOR ? ANNOTATOR_STOP_STRINGS : PARTICIPANT_STOP_STRINGS;
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
    const text = cleanReply(reply.text, { speaker: this.getName(), finishReason: reply.finishReason });
    // New keys before the spread (see BaseModel.prompt for why the order matters).
    return { rawText: reply.text, latencyMs, ...reply, text };
  }
}
