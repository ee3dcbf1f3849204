import { readFile } from "node:fs/promises";
import { InputError } from "../errors.js";
import { readFailure } from "../util/read-error.js";

/** Reads and parses a JSON file. @throws {@link InputError} naming the file when it cannot. */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new InputError(`cannot read the file (${readFailure(error)})`, { file: path });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`not valid JSON (${(error as Error).message})`, { file: path });
  }
}
