import { readFile } from "node:fs/promises";
import { InputError } from "./errors.js";
import { getLogger } from "./logging/logger.js";
import { readFailure } from "./util/read-error.js";

/** A value a persona attribute may hold. */
export type PersonaValue = string | number | boolean | null | readonly string[];

/**
 * A persona as SynDisco writes it in JSON. The named fields are SynDisco's; any further attribute is kept
 * and shown to the model as well.
 */
export interface PersonaData {
  username: string;
  age?: number | null;
  sex?: string;
  sexual_orientation?: string;
  demographic_group?: string;
  current_employment?: string;
  education_level?: string;
  special_instructions?: string;
  personality_characteristics?: readonly string[];
  [attribute: string]: PersonaValue | undefined;
}

/** SynDisco's text fields of a persona, in SynDisco's order (`toDict()` writes them first, as upstream does). */
export const STRING_FIELDS = [
  "sex",
  "sexual_orientation",
  "demographic_group",
  "current_employment",
  "education_level",
  "special_instructions",
] as const;
const FIELD_ORDER = ["username", "age", ...STRING_FIELDS, "personality_characteristics"];

/** Where a persona came from, so that errors can point at it. */
interface PersonaSource {
  file?: string;
  index?: number;
}

/**
 * The attributes that define an actor: who it is, and how it should behave.
 *
 * @example
 * ```ts
 * const emma = new Persona({ username: "Emma35", age: 38, sex: "female", personality_characteristics: ["patient"] });
 * const everyone = await Persona.fromJsonFile("personas.json");
 * ```
 */
export class Persona {
  readonly #data: Readonly<PersonaData>;

  /** @throws {@link InputError} naming the field when a value has the wrong type or the username is missing. */
  constructor(data: PersonaData, source: PersonaSource = {}) {
    this.#data = validatePersona(data, source);
  }

  /** The persona's username, which is also its actor's name in discussions. */
  get username(): string {
    return this.#data.username;
  }

  /** One attribute's value, or `undefined`. */
  get(attribute: string): PersonaValue | undefined {
    return this.#data[attribute];
  }

  /** The persona as SynDisco writes it: its fields in SynDisco's order, then any further attributes. */
  toDict(): PersonaData {
    const ordered: Record<string, PersonaValue | undefined> = {};
    for (const key of FIELD_ORDER) ordered[key] = this.#data[key];
    for (const [key, value] of Object.entries(this.#data)) if (!(key in ordered)) ordered[key] = value;
    return Object.fromEntries(Object.entries(ordered).filter(([, value]) => value !== undefined)) as PersonaData;
  }

  /** The persona as one line of JSON spaced as Python's `json.dumps`, which is how SynDisco prints it. */
  toString(): string {
    return toPythonStyleJson(this.toDict());
  }

  toJSON(): PersonaData {
    return this.toDict();
  }

  /**
   * Reads a list of personas from a JSON file in SynDisco's format (an array of persona objects).
   *
   * @throws {@link InputError} naming the file, the entry index and the field when the file is not JSON,
   *   not a list, or has an invalid entry.
   */
  static async fromJsonFile(path: string): Promise<Persona[]> {
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (error) {
      throw new InputError(`cannot read the persona file (${readFailure(error)})`, {
        file: path,
        fix: "Check that the path is right and the file is readable",
      });
    }
    if (text.trim() === "") {
      throw new InputError("the persona file is empty", {
        file: path,
        fix: 'Write a JSON array of personas, for example [{ "username": "Emma35", "age": 38, "sex": "female" }]',
      });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new InputError(`not valid JSON (${(error as Error).message})`, {
        file: path,
        fix: "A persona file is a JSON array of persona objects",
      });
    }
    if (Array.isArray(parsed) && parsed.length === 0) {
      throw new InputError("the persona file holds no personas (an empty list)", {
        file: path,
        fix: 'Add personas to the list, for example [{ "username": "Emma35", "age": 38, "sex": "female" }]',
      });
    }
    const personas = Persona.fromList(parsed, path);
    warnAboutMissingFields(personas, path);
    return personas;
  }

  /** Builds personas from already-parsed data (for example a config file's inline list). */
  static fromList(list: unknown, file?: string): Persona[] {
    if (!Array.isArray(list)) {
      throw new InputError(`expected a JSON array of personas, found ${describeType(list)}`, {
        ...(file ? { file } : {}),
        fix: 'Wrap the personas in [ ... ], one object per persona, each with at least a "username"',
      });
    }
    return list.map((entry, index) => new Persona(entry as PersonaData, { ...(file ? { file } : {}), index }));
  }
}

function validatePersona(data: unknown, source: PersonaSource): PersonaData {
  const fail = (field: string | undefined, problem: string, fix: string): never => {
    const prefix = source.index === undefined ? "" : `[${source.index}]`;
    const fieldPath = field ? `${prefix}${prefix ? "." : ""}${field}` : prefix || undefined;
    throw new InputError(problem, {
      ...(source.file ? { file: source.file } : {}),
      ...(fieldPath ? { field: fieldPath } : {}),
      fix,
    });
  };
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return fail(
      undefined,
      `a persona must be an object, found ${describeType(data)}`,
      'Write it as { "username": "...", ... }',
    );
  }
  const record = data as Record<string, unknown>;
  if (typeof record.username !== "string" || record.username.trim() === "") {
    return fail("username", "every persona needs a non-empty string username", 'Add "username": "SomeName"');
  }
  if (
    record.age !== undefined &&
    record.age !== null &&
    !(typeof record.age === "number" && Number.isFinite(record.age) && record.age >= 0)
  ) {
    return fail(
      "age",
      `age must be a non-negative number, found ${describeType(record.age)}`,
      "Write the age as a number, e.g. 38",
    );
  }
  for (const field of STRING_FIELDS) {
    if (record[field] !== undefined && typeof record[field] !== "string") {
      fail(
        field,
        `${field} must be a string, found ${describeType(record[field])}`,
        `Write ${field} as text in quotes`,
      );
    }
  }
  const traits = record.personality_characteristics;
  if (traits !== undefined && !(Array.isArray(traits) && traits.every((trait) => typeof trait === "string"))) {
    fail(
      "personality_characteristics",
      `personality_characteristics must be a list of strings, found ${describeType(traits)}`,
      'Write it as ["patient", "curious"]',
    );
  }
  for (const [key, value] of Object.entries(record)) {
    if (!isPersonaValue(value)) {
      fail(
        key,
        `unsupported value type ${describeType(value)}`,
        "Attributes may be text, numbers, true/false, null or lists of text",
      );
    }
  }
  return Object.freeze({ ...(record as PersonaData) });
}

function toPythonStyleJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(toPythonStyleJson).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${toPythonStyleJson(item)}`);
    return `{${entries.join(", ")}}`;
  }
  return JSON.stringify(value);
}

function isPersonaValue(value: unknown): value is PersonaValue {
  return (
    value === null ||
    ["string", "number", "boolean"].includes(typeof value) ||
    (Array.isArray(value) && value.every((item) => typeof item === "string"))
  );
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  return `${typeof value} ${JSON.stringify(value)}`;
}

/**
 * Warns once per file when personas lack SynDisco's fields: a persona with only a username runs, but the model
 * is told next to nothing about who it is, which is rarely what a researcher meant.
 */
function warnAboutMissingFields(personas: readonly Persona[], file: string): void {
  const missing = new Set<string>();
  let lacking = 0;
  for (const persona of personas) {
    const absent = FIELD_ORDER.filter((field) => persona.get(field) === undefined);
    if (absent.length > 0) lacking += 1;
    for (const field of absent) missing.add(field);
  }
  if (lacking === 0) return;
  getLogger("persona").warn(
    { file, missing: [...missing] },
    `${lacking} of ${personas.length} personas in ${file} lack SynDisco fields (${[...missing].join(", ")}); ` +
      "the model is told less about who they are. Add the fields, or ignore this if it is what you meant",
  );
}
