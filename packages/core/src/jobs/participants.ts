import type { Actor } from "../actor/actor.js";
import { ActorType } from "../actor/actor-type.js";
import { InputError } from "../errors.js";
import type { TurnManager } from "../turn-managers/turn-manager.js";

/**
 * A discussion's actors by name, checked: at least one user, no annotator, distinct names, and a moderator
 * who is either outside `users` or the same object as the user of its name.
 *
 * @throws {@link InputError} naming the field.
 */
export function indexParticipants(users: readonly Actor[], moderator: Actor | undefined): Map<string, Actor> {
  if (users.length === 0) {
    throw new InputError("a discussion needs at least one user", { field: "users", fix: "Pass one or more actors" });
  }
  const byName = new Map<string, Actor>();
  users.forEach((user, index) => {
    if (user.actorType === ActorType.ANNOTATOR) {
      throw new InputError(`"${user.getName()}" is an annotator and cannot take part in a discussion`, {
        field: `users[${index}]`,
        fix: "Create participants with actorType: ActorType.USER",
      });
    }
    if (byName.has(user.getName())) {
      throw new InputError(`two users share the username "${user.getName()}"`, {
        field: `users[${index}]`,
        fix: "Give every participant a distinct username",
      });
    }
    byName.set(user.getName(), user);
  });
  if (moderator) {
    if (moderator.actorType === ActorType.ANNOTATOR) {
      throw new InputError("the moderator is an annotator", {
        field: "moderator",
        fix: "Create the moderator with actorType: ActorType.USER",
      });
    }
    const namesake = byName.get(moderator.getName());
    if (namesake && namesake !== moderator) {
      throw new InputError(`the moderator's username "${moderator.getName()}" belongs to another user`, {
        field: "moderator",
        fix: "Pass the same Actor object in users and as moderator, or rename one of them",
      });
    }
  }
  return byName;
}

/**
 * The next speaker: the turn manager's choice, except that the moderator never speaks twice in a row (the
 * manager is asked again, once per participant at most; `undefined` when it names only the moderator).
 *
 * @throws {@link InputError} when the turn manager names someone who is not a participant.
 */
export function pickSpeaker(
  turnManager: TurnManager,
  actorsByName: ReadonlyMap<string, Actor>,
  { lastName, moderatorName }: { lastName: string | undefined; moderatorName: string | undefined },
): Actor | undefined {
  const attempts = actorsByName.size + 1;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const name = turnManager.nextName();
    if (name === moderatorName && lastName === moderatorName) continue;
    const actor = actorsByName.get(name);
    if (!actor) {
      throw new InputError(`the turn manager named "${name}", who is not a participant`, {
        field: "nextTurnManager",
        fix: "Let the discussion set the turn manager's names",
      });
    }
    return actor;
  }
  return undefined;
}
