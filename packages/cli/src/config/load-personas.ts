import { existsSync } from "node:fs";
import { relative } from "node:path";
import { InputError, Persona, type PersonaData } from "@syndisco/core";
import type { LoadedConfig } from "./load-config.js";
import { relocateInputError } from "./relocate-error.js";

/**
 * The persona pool of a config: read from its persona file or built from its inline list, then checked
 * against what the discussions need.
 *
 * @throws {@link InputError} naming the persona file (or the config) and the entry that is wrong.
 */
export async function loadPersonas(config: LoadedConfig): Promise<Persona[]> {
  const personas = await readPool(config);
  const seen = new Set<string>();
  personas.forEach((persona, index) => {
    if (seen.has(persona.username)) {
      throw new InputError(`the username "${persona.username}" appears twice`, {
        file: config.personasFile ? displayPersonaFile(config) : config.displayPath,
        field: config.personasFile ? `[${index}].username` : `personas[${index}].username`,
        fix: "Give every persona its own username",
      });
    }
    seen.add(persona.username);
  });
  const activeUsers = config.data.discussions?.activeUsers;
  if (activeUsers !== undefined && activeUsers > personas.length) {
    throw new InputError(`asks for ${activeUsers} active users but there are only ${personas.length} personas`, {
      file: config.displayPath,
      field: "discussions.activeUsers",
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

async function readPool(config: LoadedConfig): Promise<Persona[]> {
  const { personas } = config.data;
  if (config.personasFile) {
    if (!existsSync(config.personasFile)) {
      throw new InputError(`the persona file ${displayPersonaFile(config)} does not exist`, {
        file: config.displayPath,
        field: "personas",
        fix: "Check the path; a relative path is read from the config file's folder",
      });
    }
    // The cwd-relative path reads the same file and gives shorter messages.
    return Persona.fromJsonFile(displayPersonaFile(config));
  }
  try {
    return Persona.fromList(personas ?? [], config.displayPath);
  } catch (error) {
    if (error instanceof InputError) throw relocateInputError(error, config.displayPath, "personas");
    throw error;
  }
}

function displayPersonaFile(config: LoadedConfig): string {
  const file = config.personasFile ?? "";
  return relative(process.cwd(), file) || file;
}
