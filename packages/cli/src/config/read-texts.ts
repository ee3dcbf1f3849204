import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { InputError, type WeightedInstructions } from "@syndisco/core";
import type { LoadedConfig } from "./load-config.js";
import type { InstructionsSetting, TextOrFile } from "./text-schema.js";

/** Participants' instructions with every file read: one text, or a weighted mix. */
export type ResolvedInstructions = { text: string } | { mix: WeightedInstructions[] };

/**
 * The text of a `text or { file }` setting; a file is read from the config's folder.
 *
 * @param field - where the setting is in the config, for the error.
 * @throws {@link InputError} naming the config, the field and the file when the file cannot be read.
 */
export function readTextSetting(config: LoadedConfig, setting: TextOrFile, field: string): string {
  return typeof setting === "string" ? setting : readTextFile(config, setting.file, `${field}.file`);
}

/** Participants' instructions, files read. */
export function readInstructions(
  config: LoadedConfig,
  setting: InstructionsSetting,
  field: string,
): ResolvedInstructions {
  if (!Array.isArray(setting)) return { text: readTextSetting(config, setting, field) };
  return {
    mix: setting.map((choice, index) => ({
      instructions: choice.file ? readTextFile(config, choice.file, `${field}[${index}].file`) : (choice.text ?? ""),
      weight: choice.weight,
      label:
        choice.label ?? (choice.file ? choice.file.replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "") : String(index)),
    })),
  };
}

// Instruction files are read once per run, however many levels name them.
const cache = new Map<string, string>();

function readTextFile(config: LoadedConfig, path: string, field: string): string {
  const file = resolve(config.baseDir, path);
  const cached = cache.get(file);
  if (cached !== undefined) return cached;
  let text: string;
  try {
    text = readFileSync(file, "utf8").trim();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      `cannot read ${relative(process.cwd(), file) || file} (${code === "ENOENT" ? "no such file" : (error as Error).message})`,
      { file: config.displayPath, field, fix: "Check the path; it is read from the config file's folder" },
    );
  }
  if (text === "") {
    throw new InputError(`${path} is empty`, { file: config.displayPath, field, fix: "Write the text in it" });
  }
  cache.set(file, text);
  return text;
}
