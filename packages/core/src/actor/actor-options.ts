import type { AnswerForm } from "../answers/answer-form.js";
import { InputError } from "../errors.js";
import type { BaseModel } from "../model/base-model.js";
import type { Persona, PersonaValue } from "../persona.js";
import type { KnownOptions } from "../util/known-options.js";
import { ActorType } from "./actor-type.js";
import type { PromptStyle } from "./prompt-22.js";

/** Options of {@link Actor}, with SynDisco's names in camelCase. */
export interface ActorOptions {
  /** The model that speaks for this actor. */
  model: BaseModel;
  /**
   * Who the actor is. With `promptStyle: "2.2"` it may also be a plain object of any flat attributes, none
   * required (SynDisco 2.2's personas), as long as `name` is given.
   */
  persona: Persona | Record<string, PersonaValue>;
  /** The actor's name in discussions, when it should differ from the persona's username (as in SynDisco 2.2). */
  name?: string;
  /** The setting shared by all actors, e.g. "You are taking part in an online conversation". */
  context: string;
  /** What this actor should do, e.g. "Act like a human would". */
  instructions: string;
  /** Participant (default) or annotator. */
  actorType?: ActorType;
  /** SynDisco 2.2's spelling of `actorType: ActorType.ANNOTATOR`. */
  isAnnotator?: boolean;
  /**
   * The prompts the actor sends: `"2.0"` (default; this library's, as SynDisco 2.0 sent them) or `"2.2"`
   * (byte for byte what SynDisco 2.2 sends: its JSON system prompt, `Comments so far: … Your comment:`).
   */
  promptStyle?: PromptStyle;
  /**
   * For annotators: the form their answers must take (a scale, a label, or a JSON object). Backends that can
   * constrain generation are held to it, and {@link Annotation} checks every answer against it.
   */
  answerForm?: AnswerForm;
}

/** Every option of {@link Actor}, to reject the keys it does not know. */
export const ACTOR_OPTIONS: KnownOptions<ActorOptions> = {
  model: true,
  persona: true,
  context: true,
  instructions: true,
  actorType: true,
  answerForm: true,
  name: true,
  isAnnotator: true,
  promptStyle: true,
};

/** The actor type from `actorType` or its 2.2 spelling `isAnnotator`. @throws {@link InputError} when they disagree. */
export function actorTypeOf(actorType: ActorType | undefined, isAnnotator: boolean | undefined): ActorType {
  if (actorType !== undefined && !Object.values(ActorType).includes(actorType)) {
    throw new InputError(`unknown actor type ${JSON.stringify(actorType)}`, {
      field: "actorType",
      fix: "Use ActorType.USER or ActorType.ANNOTATOR",
    });
  }
  const fromFlag = isAnnotator === undefined ? undefined : isAnnotator ? ActorType.ANNOTATOR : ActorType.USER;
  if (actorType !== undefined && fromFlag !== undefined && actorType !== fromFlag) {
    throw new InputError("actorType and isAnnotator disagree", {
      field: "isAnnotator",
      fix: "Give one of them",
    });
  }
  return actorType ?? fromFlag ?? ActorType.USER;
}

/** @throws {@link InputError} unless the prompt style is "2.0" or "2.2" and the name, if given, is non-empty text. */
export function requirePromptStyleAndName(promptStyle: unknown, name: unknown): void {
  if (promptStyle !== "2.0" && promptStyle !== "2.2") {
    throw new InputError(`promptStyle must be "2.0" or "2.2", not ${JSON.stringify(promptStyle)}`, {
      field: "promptStyle",
    });
  }
  if (name !== undefined && (typeof name !== "string" || name.trim() === "")) {
    throw new InputError("name must be non-empty text", {
      field: "name",
      fix: "Leave it out to use the persona's username",
    });
  }
}

/** @throws {@link InputError} unless the actor is an annotator: only annotators have an answer form. */
export function requireAnnotator(actorType: ActorType): void {
  if (actorType !== ActorType.ANNOTATOR) {
    throw new InputError("only annotators have an answer form", {
      field: "answerForm",
      fix: "Use actorType: ActorType.ANNOTATOR, or leave answerForm out",
    });
  }
}
