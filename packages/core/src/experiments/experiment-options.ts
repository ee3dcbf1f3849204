import type { Actor } from "../actor/actor.js";
import { ActorType } from "../actor/actor-type.js";
import { InputError } from "../errors.js";
import { randomSeed } from "../random.js";

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
 * Checks a seed, or draws one when none is given.
 *
 * @throws {@link InputError} unless the seed is a whole number from 0 to 2147483647.
 */
export function seedOrRandom(seed: number | undefined): number {
  if (seed === undefined) return randomSeed();
  if (!Number.isInteger(seed) || seed < 0 || seed > 0x7fffffff) {
    throw new InputError(`seed must be a whole number from 0 to 2147483647, not ${seed}`, { field: "seed" });
  }
  return seed;
}

/** What of an actor decides its output: its description (persona, context, instructions) and its model. */
export function actorIdentity(actor: Actor): Record<string, unknown> {
  return { ...actor.describe(), model: actor.model.name };
}
