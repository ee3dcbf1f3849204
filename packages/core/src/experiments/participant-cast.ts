import { Actor } from "../actor/actor.js";
import { InputError } from "../errors.js";
import { Persona } from "../persona.js";
import { SeededRandom } from "../random.js";
import { adjectiveNounNames } from "../usernames/adjective-noun-names.js";

/** One choice of a weighted mix of participant instructions. */
export interface WeightedInstructions {
  instructions: string;
  /** A positive number; a choice's chance is its weight over the sum of the weights. */
  weight: number;
  /** A short name for the choice, recorded in the discussion file (for example "troll"). */
  label?: string;
}

/** How the participants of each discussion are dressed beyond what the pool gives them. */
export interface ParticipantCast {
  /** Each participant of each discussion draws its instructions from this mix, replacing the pool's. */
  instructionMix?: readonly WeightedInstructions[] | undefined;
  /** `"random"` gives the participants of each discussion random, unique adjective-noun usernames. */
  usernames?: "persona" | "random" | undefined;
}

/** What one discussion's participants drew, in the order of the plan unit's `participants`. */
export interface CastDraw {
  /** The usernames they go by, when usernames are random. */
  usernames?: string[];
  /** The index in the instruction mix that each drew, when there is a mix. */
  instructions?: number[];
}

// Mixed into a discussion's turn-manager seed so that the cast has a stream of its own: turning the cast on
// or off changes nothing else in the plan, and the same seed casts the same discussion alike in every cell.
const CAST_STREAM = 0x2c1b3c6d;

/** Draws a discussion's cast, or returns `undefined` when the experiment dresses nobody. */
export function drawCast(
  cast: ParticipantCast,
  participants: readonly string[],
  turnManagerSeed: number,
  reserved: readonly string[],
): CastDraw | undefined {
  const mix = cast.instructionMix;
  const random = cast.usernames === "random" || mix ? new SeededRandom((turnManagerSeed ^ CAST_STREAM) >>> 0) : null;
  if (!random) return undefined;
  const draw: CastDraw = {};
  if (mix) draw.instructions = participants.map(() => pickWeighted(random, mix));
  if (cast.usernames === "random") {
    draw.usernames = adjectiveNounNames(participants.length, { seed: random.childSeed(), exclude: reserved });
  }
  return draw;
}

/** The actors of a discussion: the pool's, renamed and re-instructed as the draw says. */
export function castActors(actors: readonly Actor[], draw: CastDraw | undefined, cast: ParticipantCast): Actor[] {
  if (!draw) return [...actors];
  return actors.map((actor, index) => {
    const username = draw.usernames?.[index];
    const choice = draw.instructions?.[index];
    return new Actor({
      model: actor.model,
      persona: username === undefined ? actor.persona : new Persona({ ...actor.persona.toDict(), username }),
      context: actor.context,
      instructions: choice === undefined ? actor.instructions : (cast.instructionMix?.[choice]?.instructions ?? ""),
      actorType: actor.actorType,
    });
  });
}

/** What a file records of the cast: per participant, its pool persona and the instructions it drew. */
export function describeCast(
  participants: readonly string[],
  draw: CastDraw | undefined,
  cast: ParticipantCast,
): Record<string, unknown>[] | undefined {
  if (!draw) return undefined;
  return participants.map((persona, index) => {
    const choice = draw.instructions?.[index];
    const mixEntry = choice === undefined ? undefined : cast.instructionMix?.[choice];
    return {
      persona,
      username: draw.usernames?.[index] ?? persona,
      ...(mixEntry ? { instructions: mixEntry.label ?? choice } : {}),
    };
  });
}

/** @throws {@link InputError} naming the entry when the mix is empty or a weight is not positive. */
export function requireInstructionMix(mix: readonly WeightedInstructions[] | undefined): void {
  if (mix === undefined) return;
  if (!Array.isArray(mix) || mix.length === 0) {
    throw new InputError("an instruction mix needs at least one choice", {
      field: "instructionMix",
      fix: "List { instructions, weight } choices, or leave instructionMix out",
    });
  }
  mix.forEach((choice, index) => {
    if (typeof choice.instructions !== "string" || choice.instructions.trim() === "") {
      throw new InputError("the instructions must be non-empty text", {
        field: `instructionMix[${index}].instructions`,
      });
    }
    if (!(typeof choice.weight === "number" && Number.isFinite(choice.weight) && choice.weight > 0)) {
      throw new InputError(`the weight must be a positive number, not ${choice.weight}`, {
        field: `instructionMix[${index}].weight`,
        fix: "Give every choice a weight above 0",
      });
    }
  });
}

function pickWeighted(random: SeededRandom, mix: readonly WeightedInstructions[]): number {
  const total = mix.reduce((sum, choice) => sum + choice.weight, 0);
  let point = random.float() * total;
  for (let index = 0; index < mix.length; index++) {
    point -= mix[index]?.weight ?? 0;
    if (point < 0) return index;
  }
  return mix.length - 1;
}
