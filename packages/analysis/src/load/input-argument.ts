import { existsSync } from "node:fs";
import { basename, resolve } from "node:path";

/** An input folder or file and the label its group carries. */
export interface LabelledPath {
  path: string;
  label: string;
}

/**
 * Reads `label=path` or `path`. An argument that names an existing path is a path even when it holds `=`;
 * without a label, a folder's group is called by the folder's name and a reference file's by `fallbackLabel`.
 */
export function parseLabelledPath(argument: string, fallbackLabel?: string): LabelledPath {
  const separator = argument.indexOf("=");
  if (separator > 0 && !existsSync(argument)) {
    return { label: argument.slice(0, separator), path: argument.slice(separator + 1) };
  }
  return { label: fallbackLabel ?? basename(resolve(argument)), path: argument };
}
