import { existsSync } from "node:fs";
import { relative, resolve } from "node:path";
import { InputError, Persona, type PersonaData } from "@syndisco/core";
import type { LoadedConfig } from "./load-config.js";
import { relocateInputError } from "./relocate-error.js";
import type { PersonasSetting } from "./schema.js";

/**
 * The persona pool of a config: read from its persona file or built from its inline list, then checked
 * against what the discussions need.
 *
 * @throws {@link InputError} naming the persona file (or the config) and the entry that is wrong.
 */
export async function loadPersonas(config: LoadedConfig): Promise<Persona[]> {
  return loadPersonaPool(config, config.data.personas, "personas", config.data.discussions?.activeUsers);
}

/**
 * A persona pool from a `personas` setting (a file read from the config's folder, or an inline list), checked
 * for repeated usernames and against the number of active users the discussions need.
 *
 * @param field - where the setting is in the config (`personas`, or a study level's `….personas`).
 */
export async function loadPersonaPool(
  config: LoadedConfig,
  setting: PersonasSetting | undefined,
  field: string,
  activeUsers: number | undefined,
  activeUsersField = "discussions.activeUsers",
): Promise<Persona[]> {
  const personasFile = typeof setting === "string" ? resolve(config.baseDir, setting) : undefined;
  const personas = await readPool(config, setting, personasFile, field);
  const seen = new Set<string>();
  personas.forEach((persona, index) => {
    if (seen.has(persona.username)) {
      throw new InputError(`the username "${persona.username}" appears twice`, {
        file: personasFile ? displayPath(personasFile) : config.displayPath,
        field: personasFile ? `[${index}].username` : `${field}[${index}].username`,
        fix: "Give every persona its own username",
      });
    }
    seen.add(persona.username);
  });
  if (activeUsers !== undefined && activeUsers > personas.length) {
    throw new InputError(`asks for ${activeUsers} active users but there are only ${personas.length} personas`, {
      file: config.displayPath,
      field: activeUsersField,
      fix: `Lower activeUsers to at most ${personas.length}, or add personas`,
    });
  }
  return personas;
}

/** Builds a persona written inline in the config (a moderator or an annotator). */
export function inlinePersona(data: Record<string, unknown>, config: LoadedConfig, field: string): Persona {
  try {
    return new Persona(data as PersonaData);
  } catch (error) {
    if (error instanceof InputError) throw relocateInputError(error, config.displayPath, field);
    throw error;
  }
}

async function readPool(
  config: LoadedConfig,
  setting: PersonasSetting | undefined,
  personasFile: string | undefined,
  field: string,
): Promise<Persona[]> {
  if (personasFile) {
    if (!existsSync(personasFile)) {
      throw new InputError(`the persona file ${displayPath(personasFile)} does not exist`, {
        file: config.displayPath,
        field,
        fix: "Check the path; a relative path is read from the config file's folder",
      });
    }
    // The cwd-relative path reads the same file and gives shorter messages.
    return Persona.fromJsonFile(displayPath(personasFile));
  }
  try {
    return Persona.fromList(setting ?? [], config.displayPath);
  } catch (error) {
    if (error instanceof InputError) throw relocateInputError(error, config.displayPath, field);
    throw error;
  }
}

function displayPath(file: string): string {
  return relative(process.cwd(), file) || file;
}
