import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { InputError, messageId } from "@syndisco/core";
import { parse } from "csv-parse/sync";
import type { AnalysedDiscussion } from "./analysed-discussion.js";
import type { LabelledPath } from "./input-argument.js";

/** The model name of reference comments: people wrote them. */
export const HUMAN_MODEL = "human";

const REQUIRED_COLUMNS = ["conv_id", "text"] as const;

/**
 * Reads human discussions from a CSV with a header: one comment per row, columns `conv_id` and `text`, and
 * optionally `user`; rows of one `conv_id` form a discussion, in file order. Every comment counts as a
 * participant's (there is no moderator), written by the model `human`.
 *
 * @throws {@link InputError} naming the file when it cannot be read, is not CSV, lacks a column or has no rows.
 */
export async function readReference({ path, label }: LabelledPath): Promise<AnalysedDiscussion[]> {
  const file = resolve(path);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new InputError(`cannot read the reference file (${(error as Error).message})`, {
      file,
      fix: "Pass a CSV file of human discussions with columns conv_id and text",
    });
  }
  let rows: Record<string, string>[];
  try {
    rows = parse(text, { columns: (header: string[]) => checkHeader(header, file), bom: true, skip_empty_lines: true });
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`not a CSV file (${(error as Error).message})`, { file });
  }
  if (rows.length === 0) {
    throw new InputError("the reference file has no rows", {
      file,
      fix: "Pass a CSV with a header (conv_id, text, optionally user) and one row per comment",
    });
  }
  const byId = new Map<string, AnalysedDiscussion>();
  for (const row of rows) {
    const id = row.conv_id as string;
    let discussion = byId.get(id);
    if (!discussion) {
      discussion = {
        id,
        label,
        folder: "",
        file,
        fields: {},
        models: [HUMAN_MODEL],
        comments: [],
        seedComments: 0,
        annotations: [],
        reference: true,
      };
      byId.set(id, discussion);
    }
    const commentText = row.text as string;
    discussion.comments.push({
      user: row.user ?? "",
      text: commentText,
      model: HUMAN_MODEL,
      isModerator: false,
      order: discussion.comments.length + 1,
      messageId: messageId(id, commentText),
    });
  }
  return [...byId.values()];
}

function checkHeader(header: string[], file: string): string[] {
  for (const column of REQUIRED_COLUMNS) {
    if (!header.includes(column)) {
      throw new InputError(`the reference file has no column "${column}"`, {
        file,
        field: column,
        fix: "The reference CSV needs a header with the columns conv_id and text (and optionally user)",
      });
    }
  }
  return header;
}
