import { InputError } from "../errors.js";
import { Persona, type PersonaData, type PersonaValue } from "../persona.js";
import { SeededRandom } from "../random.js";
import { adjectiveNounNames } from "../usernames/adjective-noun-names.js";
import { drawNumbers } from "./numeric-field.js";
import { parsePopulationSpec } from "./parse-population-spec.js";
import type { JointTableSpec, PopulationSpec, TraitsSpec } from "./population-spec.js";
import { fractionalShares, largestRemainderQuotas, quotaDraws, smallestExactCount } from "./quotas.js";

/** Options of {@link drawPopulation}. */
export interface DrawPopulationOptions {
  /** How many personas to draw. */
  count: number;
  /** The same spec, count and seed give the same personas on every machine. */
  seed: number;
  /** Where the spec came from, for error messages. */
  file?: string;
}

/**
 * Draws `count` personas from a population spec. Categorical fields, bands and joint tables are drawn by
 * quota, so their shares match the spec to within one persona (exactly, with `exact: true`); each field is
 * shuffled on its own, so fields that are not in a joint table are drawn independently of each other.
 *
 * @param spec - a spec as parsed from YAML or JSON; it is validated here.
 * @throws {@link InputError} naming the file and field when the spec is invalid or its quotas cannot be met.
 *
 * @example
 * ```ts
 * const personas = drawPopulation({ fields: { party: { values: { Left: 3, Right: 7 } } } }, { count: 500, seed: 7 });
 * ```
 */
export function drawPopulation(spec: unknown, { count, seed, file }: DrawPopulationOptions): Persona[] {
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new InputError(`the number of personas must be a whole number of at least 1, found ${count}`, {
      field: "count",
    });
  }
  const valid = parsePopulationSpec(spec, file);
  // One child seed per part, in a fixed order, so that a part's draws do not depend on the others'.
  const random = new SeededRandom(seed);
  const usernames = adjectiveNounNames(count, { seed: random.childSeed() });
  const columns: Record<string, readonly PersonaValue[]> = {};
  for (const [name, field] of Object.entries(valid.fields)) {
    const fieldRandom = new SeededRandom(random.childSeed());
    const place = { file, field: `fields.${name}` };
    columns[name] = field.values
      ? drawCategories(Object.keys(field.values), Object.values(field.values), field.exact, count, fieldRandom, place)
      : drawNumbers(field, count, fieldRandom, (weights) => checkExact(weights, field.exact, count, place));
  }
  valid.joint.forEach((table, index) => {
    Object.assign(columns, drawJoint(table, count, new SeededRandom(random.childSeed()), { file, index }));
  });
  for (const [name, traits] of Object.entries(valid.traits)) {
    columns[name] = drawTraits(traits, count, new SeededRandom(random.childSeed()));
  }
  const fixed = Object.entries(valid.fixed);
  const drawn = Object.entries(columns);
  return usernames.map((username, row) => {
    // Keys added one by one to one object, not a spread that then grows (see BaseModel.prompt for why).
    const data: PersonaData = { username };
    for (const [name, value] of fixed) data[name] = value;
    for (const [name, column] of drawn) data[name] = column[row];
    return toPersona(data, valid, file);
  });
}

interface Place {
  file: string | undefined;
  field: string;
}

function drawCategories<T>(
  values: readonly T[],
  weights: readonly number[],
  exact: boolean,
  count: number,
  random: SeededRandom,
  place: Place,
): T[] {
  checkExact(weights, exact, count, place);
  return quotaDraws(values, largestRemainderQuotas(weights, count, random) ?? [], random);
}

/** With `exact: true`, refuses a count whose quotas are not whole numbers. */
function checkExact(weights: readonly number[], exact: boolean, count: number, { file, field }: Place): void {
  if (!exact || fractionalShares(weights, count).length === 0) return;
  const step = smallestExactCount(weights);
  throw new InputError(`the quotas cannot be met exactly with ${count} personas`, {
    ...(file ? { file } : {}),
    field,
    fix: step
      ? `Draw a multiple of ${step} personas, or remove exact: true to round the quotas`
      : "Remove exact: true to round the quotas to whole personas",
  });
}

function drawJoint(
  table: JointTableSpec,
  count: number,
  random: SeededRandom,
  { file, index }: { file: string | undefined; index: number },
): Record<string, PersonaValue[]> {
  const weights = table.rows.map((row) => Number(row.weight ?? 1));
  const rows = drawCategories(table.rows, weights, table.exact, count, random, { file, field: `joint[${index}]` });
  return Object.fromEntries(table.fields.map((name) => [name, rows.map((row) => row[name] as PersonaValue)]));
}

function drawTraits({ from, count }: TraitsSpec, personas: number, random: SeededRandom): string[][] {
  const items = [...new Set(from)];
  const [least, most] = Array.isArray(count) ? count : [count, count];
  return Array.from({ length: personas }, () => random.sample(items, least + random.int(most - least + 1)));
}

/** Checks a drawn persona with `Persona`'s rules, pointing at the spec when a value breaks them. */
function toPersona(data: PersonaData, spec: PopulationSpec, file: string | undefined): Persona {
  try {
    return new Persona(data);
  } catch (error) {
    if (!(error instanceof InputError) || !error.field) throw error;
    const field = error.field in spec.fixed ? `fixed.${error.field}` : error.field;
    throw new InputError(`the spec gives personas an invalid value (${error.message})`, {
      ...(file ? { file } : {}),
      field,
      fix: "Change the value in the spec",
    });
  }
}
