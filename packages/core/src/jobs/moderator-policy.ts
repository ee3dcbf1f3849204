import { z } from "zod";
import { InputError } from "../errors.js";
import { SeededRandom } from "../random.js";

/**
 * When the moderator may speak, after a participant's comment:
 * - `"always"`: after every one (SynDisco 2.0);
 * - `{ every: k }`: after every k-th;
 * - `{ probability: p }`: after each with probability p (seeded);
 * - `"decide"`: the moderator's model first answers a constrained question (intervene, stay silent, or end the
 *   discussion), and writes a comment only when it chose to intervene.
 */
export type ModeratorPolicy = "always" | "decide" | { every: number } | { probability: number };

/** Validates a moderator policy given as data (an option or a config value). */
export const moderatorPolicySchema: z.ZodType<ModeratorPolicy> = z.union(
  [
    z.enum(["always", "decide"]),
    z.strictObject({ every: z.int().min(1) }),
    z.strictObject({ probability: z.number().min(0).max(1) }),
  ],
  { error: "expected always, decide, { every: k } (k ≥ 1) or { probability: p } (p from 0 to 1)" },
);

/**
 * Returns the policy when it is valid.
 *
 * @throws {@link InputError} naming `moderatorPolicy` otherwise.
 */
export function requireModeratorPolicy(policy: unknown): ModeratorPolicy {
  const parsed = moderatorPolicySchema.safeParse(policy);
  if (!parsed.success) {
    throw new InputError(`${JSON.stringify(policy)} is not a moderator policy`, {
      field: "moderatorPolicy",
      fix: 'Use "always", "decide", { every: k } or { probability: p }',
    });
  }
  return parsed.data;
}

/** What the policy says about one potential intervention. */
export type PolicyVerdict = "speak" | "skip" | "ask";

/**
 * One discussion's application of a {@link ModeratorPolicy}: it counts participant comments and draws its
 * probabilities from its own seeded sequence, so a discussion's interventions repeat for a seed.
 */
export class ModeratorSchedule {
  readonly policy: ModeratorPolicy;
  readonly #random: SeededRandom;
  #comments = 0;

  /** @throws {@link InputError} naming `moderatorPolicy` when the policy is not valid. */
  constructor(policy: ModeratorPolicy, seed: number) {
    this.policy = requireModeratorPolicy(policy);
    this.#random = new SeededRandom(seed);
  }

  /** Called after each participant comment: whether the moderator speaks, stays silent, or is asked. */
  next(): PolicyVerdict {
    this.#comments += 1;
    const policy = this.policy;
    if (policy === "always") return "speak";
    if (policy === "decide") return "ask";
    if ("every" in policy) return this.#comments % policy.every === 0 ? "speak" : "skip";
    return this.#random.float() < policy.probability ? "speak" : "skip";
  }
}

/** The policy as it is written into a discussion file. */
export function describeModeratorPolicy(policy: ModeratorPolicy): Record<string, unknown> {
  if (typeof policy === "string") return { type: policy };
  return "every" in policy ? { type: "every", every: policy.every } : { type: "probability", p: policy.probability };
}
