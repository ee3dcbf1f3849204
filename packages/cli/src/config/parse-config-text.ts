import { InputError } from "@syndisco/core";
import { parse as parseYaml, YAMLParseError } from "yaml";

/**
 * Parses a config file's text: JSON for `.json` files, YAML otherwise (YAML also reads JSON).
 *
 * @param displayPath - the file as the user named it, for error messages.
 * @throws {@link InputError} naming the file and the line of a syntax error.
 */
export function parseConfigText(text: string, displayPath: string): unknown {
  if (displayPath.toLowerCase().endsWith(".json")) {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new InputError(`not valid JSON (${(error as Error).message})`, {
        file: displayPath,
        fix: "Fix the syntax, or write the config as YAML in a .yaml file",
      });
    }
  }
  try {
    return parseYaml(text);
  } catch (error) {
    if (!(error instanceof YAMLParseError)) throw error;
    const summary = (error.message.split("\n")[0] ?? error.message).replace(/:$/, "");
    throw new InputError(`not valid YAML: ${summary}`, {
      file: displayPath,
      fix: 'Fix the syntax there: indent with spaces, keep items of a list or mapping aligned, and quote text that holds ": "',
    });
  }
}
