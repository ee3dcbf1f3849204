import type { Actor } from "../actor/actor.js";
import { ActorType } from "../actor/actor-type.js";
import { InputError } from "../errors.js";
import { randomSeed } from "../random.js";
import type { TurnManager } from "../turn-managers/turn-manager.js";
import type { PlanIdentity } from "./plan-file.js";

/**
 * Checks a pool of actors: at least one, all of the expected type, no two with the same username.
 *
 * @throws {@link InputError} naming the field and the entry.
 */
export function requireActorPool(actors: readonly Actor[], field: string, type: ActorType): void {
  const role = type === ActorType.ANNOTATOR ? "annotator" : "participant";
  if (!Array.isArray(actors) || actors.length === 0) {
    throw new InputError(`at least one ${role} is needed`, { field, fix: `Pass a list of ${role} actors` });
  }
  const seen = new Set<string>();
  actors.forEach((actor, index) => {
    if (actor.actorType !== type) {
      throw new InputError(`"${actor.getName()}" is not a${type === ActorType.ANNOTATOR ? "n" : ""} ${role}`, {
        field: `${field}[${index}]`,
        fix: `Create it with actorType: ActorType.${type === ActorType.ANNOTATOR ? "ANNOTATOR" : "USER"}`,
      });
    }
    if (seen.has(actor.getName())) {
      throw new InputError(`two ${role}s share the username "${actor.getName()}"`, {
        field: `${field}[${index}]`,
        fix: "Give every actor a distinct username",
      });
    }
    seen.add(actor.getName());
  });
}

/**
 * An experiment's seed: the one given, else one drawn at construction that gives way to the seed an earlier
 * run recorded in the output folder, so that a rerun without a seed finishes the same plan.
 */
export class ExperimentSeed {
  readonly #given: boolean;
  #value: number;

  /** @throws {@link InputError} unless the seed is a whole number from 0 to 2147483647. */
  constructor(seed: number | undefined) {
    if (seed !== undefined && (!Number.isInteger(seed) || seed < 0 || seed > 0x7fffffff)) {
      throw new InputError(`seed must be a whole number from 0 to 2147483647, not ${seed}`, { field: "seed" });
    }
    this.#given = seed !== undefined;
    this.#value = seed ?? randomSeed();
  }

  get value(): number {
    return this.#value;
  }

  /** Takes the seed of the plan an earlier run of this kind recorded, unless a seed was given. */
  adopt(stored: PlanIdentity | undefined, kind: PlanIdentity["kind"]): void {
    if (!this.#given && stored?.kind === kind) this.#value = stored.seed;
  }
}

/**
 * What of an actor decides its output besides its model: its description (persona, context, instructions),
 * its answer form, and its model's name. The model's own identity is checked apart, by {@link modelIdentities}.
 */
export function actorIdentity(actor: Actor): Record<string, unknown> {
  return {
    ...actor.describe(),
    answerForm: actor.answerForm,
    model: actor.model.name,
    // Only when they differ from the defaults, so the fingerprints of earlier runs stay as they were.
    ...(actor.getName() === actor.persona.username ? {} : { name: actor.getName() }),
    ...(actor.promptStyle === "2.0" ? {} : { promptStyle: actor.promptStyle }),
  };
}

/**
 * The identities (`BaseModel.identity()`) of the models that the actors speak through, by model name. They
 * are kept beside the fingerprint rather than in it, so that a plan (its unit ids and fingerprint) can be made
 * before a model is loaded, as a study does, while a folder made with another model file or other sampling
 * settings is still refused.
 */
export function modelIdentities(actors: readonly (Actor | undefined)[]): Record<string, unknown> {
  const models: Record<string, unknown> = {};
  for (const actor of actors) if (actor) models[actor.model.name] = actor.model.identity();
  return models;
}

/** The turn policy's settings without its own seed: each discussion gets a clone seeded by the plan. */
export function turnManagerSettings(manager: TurnManager): Record<string, unknown> {
  const { seed: _seed, ...settings } = manager.describe();
  return settings;
}

/** Checks that the moderator is a participant actor that is not also in the users pool. */
export function requireOutsidePool(moderator: Actor, users: readonly Actor[]): void {
  if (moderator.actorType !== ActorType.USER) {
    throw new InputError("the moderator must be a participant actor", {
      field: "moderator",
      fix: "Create it with actorType: ActorType.USER",
    });
  }
  if (users.some((user) => user.getName() === moderator.getName())) {
    throw new InputError(`the moderator "${moderator.getName()}" is also in the users pool`, {
      field: "moderator",
      fix: "Leave the moderator out of users: it joins every discussion on its own",
    });
  }
}
