import { InputError } from "../errors.js";

/** A turn manager's type and settings, written into discussion files. */
export interface TurnManagerDescription {
  type: string;
  seed?: number;
  [setting: string]: unknown;
}

/**
 * Decides who speaks next. Turn managers are endless iterators over usernames: use `nextName()`, the
 * iterator protocol (`next()`), `take(n)`, or `for … of` with a `break`.
 *
 * Subclass it for a custom policy: implement {@link TurnManager.pickNext}, {@link TurnManager.clone} and
 * {@link TurnManager.describe}.
 */
export abstract class TurnManager implements IterableIterator<string> {
  #names: readonly string[] | undefined;
  #avoidFirst: string | undefined;

  constructor(names?: Iterable<string>) {
    if (names !== undefined) this.#names = checkNames(names);
  }

  /** The participants' usernames, once given. */
  get names(): readonly string[] | undefined {
    return this.#names;
  }

  /** Gives (or replaces) the participants' usernames and restarts the order. */
  setNames(names: Iterable<string>): void {
    this.#names = checkNames(names);
    this.#avoidFirst = undefined;
    this.reset();
  }

  /**
   * Keeps `name` from taking the next turn when anyone else may take it: a discussion calls this with the
   * author of its last seed comment, who would otherwise reply to himself. The policy is asked again until it
   * names someone else (so a round robin moves on to the next in order, and a random policy draws among the
   * others with its own odds); only the next turn is affected.
   */
  avoidFirst(name: string): void {
    this.#avoidFirst = name;
  }

  /** The next speaker's username. */
  nextName(): string {
    if (this.#names === undefined) {
      throw new InputError("the turn manager has no names", {
        field: "names",
        fix: "Pass the usernames to the constructor or call setNames(); a Discussion does this for you",
      });
    }
    const avoid = this.#avoidFirst;
    this.#avoidFirst = undefined;
    const names = this.#names;
    if (avoid === undefined || !names.some((name) => name !== avoid)) return this.pickNext(names);
    // A policy that keeps naming the same participant (a custom one may) gets that participant after all.
    let name = this.pickNext(names);
    for (let attempt = 0; name === avoid && attempt < AVOID_ATTEMPTS; attempt++) name = this.pickNext(names);
    return name;
  }

  /** The iterator protocol: never done. */
  next(): IteratorResult<string> {
    return { value: this.nextName(), done: false };
  }

  /** The next `count` speakers. */
  take(count: number): string[] {
    return Array.from({ length: count }, () => this.nextName());
  }

  [Symbol.iterator](): IterableIterator<string> {
    return this;
  }

  /** Picks the next speaker among `names` (never empty). */
  protected abstract pickNext(names: readonly string[]): string;

  /** Forgets the order so far; called when the names change. */
  protected abstract reset(): void;

  /** A fresh instance with the same settings and no names, seeded with `seed` where the policy is random. */
  abstract clone(seed?: number): TurnManager;

  /** The policy's type and settings, for output files. */
  abstract describe(): TurnManagerDescription;
}

/** How often {@link TurnManager.avoidFirst} asks the policy again (enough for any fair random draw). */
const AVOID_ATTEMPTS = 1000;

function checkNames(names: Iterable<string>): readonly string[] {
  const list = [...names];
  if (list.length === 0) {
    throw new InputError("a turn manager needs at least one name", {
      field: "names",
      fix: "Pass the participants' usernames",
    });
  }
  return Object.freeze(list);
}
