import type { Actor } from "../actor/actor.js";
import { ActorType } from "../actor/actor-type.js";
import { InputError } from "../errors.js";

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
