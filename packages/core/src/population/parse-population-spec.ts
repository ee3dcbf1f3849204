import { InputError } from "../errors.js";
import { STRING_FIELDS } from "../persona.js";
import { type FieldSpec, type PopulationSpec, populationSpecSchema } from "./population-spec.js";

/** Persona fields SynDisco reads as text; a spec that makes them numbers would fail `Persona`. */
const TEXT_FIELDS: ReadonlySet<string> = new Set(STRING_FIELDS);

/**
 * Validates a population spec (parsed YAML or JSON) and fills in its defaults.
 *
 * @param file - where the spec came from, for error messages.
 * @throws {@link InputError} naming the file and the field of the first problem, with a fix.
 */
export function parsePopulationSpec(data: unknown, file?: string): PopulationSpec {
  const where = file ? { file } : {};
  const parsed = populationSpecSchema.safeParse(data ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map((part) => (typeof part === "number" ? `[${part}]` : String(part))).join(".");
    throw new InputError(issue?.message ?? "not a population spec", {
      ...where,
      ...(field ? { field: field.replaceAll(".[", "[") } : {}),
      fix: "See the population spec reference in @syndisco/core's README",
    });
  }
  const spec = parsed.data;
  const fail = (field: string, problem: string, fix: string): never => {
    throw new InputError(problem, { ...where, field, fix });
  };
  const owners = new Map<string, string>();
  const claim = (name: string, place: string): void => {
    if (name === "username") {
      fail(place, "usernames are generated", "Remove username here; every persona gets a unique adjective-noun name");
    }
    const owner = owners.get(name);
    if (owner) fail(place, `the field "${name}" is also set by ${owner}`, "Set each field in one place only");
    owners.set(name, place);
  };
  for (const [name, field] of Object.entries(spec.fields)) {
    claim(name, `fields.${name}`);
    checkField(name, field, fail);
  }
  spec.joint.forEach((table, index) => {
    const place = `joint[${index}]`;
    for (const name of table.fields) claim(name, `${place}.fields`);
    table.rows.forEach((row, rowIndex) => {
      const rowPlace = `${place}.rows[${rowIndex}]`;
      for (const key of Object.keys(row)) {
        if (key !== "weight" && !table.fields.includes(key)) {
          fail(`${rowPlace}.${key}`, `unknown field "${key}" in a joint table`, `Use only ${table.fields.join(", ")}`);
        }
      }
      for (const name of table.fields) {
        if (row[name] === undefined) fail(`${rowPlace}.${name}`, "missing", `Give every row a value of ${name}`);
      }
      const weight = row.weight ?? 1;
      if (typeof weight !== "number" || weight < 0) {
        fail(`${rowPlace}.weight`, "a weight must be a number of at least 0", "Write the row's weight as a number");
      }
    });
    if (table.rows.every((row) => (row.weight ?? 1) === 0)) {
      fail(`${place}.rows`, "the rows' weights sum to 0", "Give at least one row a positive weight");
    }
  });
  for (const name of Object.keys(spec.fixed)) claim(name, `fixed.${name}`);
  for (const [name, traits] of Object.entries(spec.traits)) {
    claim(name, `traits.${name}`);
    const [least, most] = Array.isArray(traits.count) ? traits.count : [traits.count, traits.count];
    if (least > most) fail(`traits.${name}.count`, "the first number exceeds the second", "Write it as [least, most]");
    if (most > new Set(traits.from).size) {
      fail(
        `traits.${name}.count`,
        `cannot give ${most} distinct traits from a list of ${new Set(traits.from).size}`,
        "Lower the count or add items to the list",
      );
    }
  }
  return spec;
}

function checkField(name: string, field: FieldSpec, fail: (field: string, problem: string, fix: string) => never) {
  const place = `fields.${name}`;
  const numericKeys = (["range", "normal", "bands"] as const).filter((key) => field[key] !== undefined);
  if (field.values !== undefined) {
    if (numericKeys.length > 0) {
      fail(place, `values cannot be combined with ${numericKeys.join(", ")}`, "Keep values (categories) or a range");
    }
    if (Object.keys(field.values).length === 0) fail(`${place}.values`, "no values", "List at least one value");
    if (Object.values(field.values).every((weight) => weight === 0)) {
      fail(`${place}.values`, "the weights sum to 0", "Give at least one value a positive weight");
    }
    if (name === "age") fail(place, "age is a number", "Draw it from a range, a normal distribution or bands");
    return;
  }
  if (numericKeys.length === 0) fail(place, "no distribution", "Give values, a range, a normal distribution or bands");
  if (TEXT_FIELDS.has(name)) fail(place, `${name} is text in SynDisco's personas`, "Give it values instead");
  if (field.bands && (field.range || field.normal)) {
    fail(place, "bands cannot be combined with range or normal", "Keep the bands, or one range");
  }
  if (field.bands?.every((band) => band.weight === 0)) {
    fail(`${place}.bands`, "the bands' weights sum to 0", "Give at least one band a positive weight");
  }
  if (field.normal && field.range) {
    const [low, high] = field.range;
    if (field.integer && Math.ceil(low) > Math.floor(high)) {
      fail(`${place}.range`, "the range holds no whole number", "Widen the range or set integer: false");
    }
  }
}
