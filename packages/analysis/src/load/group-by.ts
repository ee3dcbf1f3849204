import { InputError } from "@syndisco/core";
import type { AnalysedDiscussion } from "./analysed-discussion.js";

/** Fields every discussion has: its input's label and its file's folder. */
const INPUT_FIELDS = ["label", "folder"] as const;
/** The value of a field that a discussion's file lacks. */
export const MISSING_VALUE = "(missing)";

/** Discussions that share their values of the `--by` fields. */
export interface DiscussionGroup {
  /** The values joined with " / ", or the input's label without `--by`; the reference's label for it. */
  name: string;
  /** The group's value of each `--by` field (empty for the reference). */
  values: Readonly<Record<string, string>>;
  /** Whether this is the reference (human) data. */
  reference: boolean;
  discussions: AnalysedDiscussion[];
}

/**
 * A discussion's value of a field: `label` and `folder` are its input's; any other name is one of its file's
 * fields (a study's factor), and `model`, when the file has no such field, is the models that wrote its
 * comments, joined with "+".
 */
export function fieldValue(discussion: AnalysedDiscussion, field: string): string | undefined {
  if (field === "label") return discussion.label;
  if (field === "folder") return discussion.folder;
  const value = discussion.fields[field];
  if (value !== undefined) return value;
  return field === "model" ? discussion.models.join("+") : undefined;
}

/**
 * Groups discussions by the values of `by` (by input label when empty), groups in order of first appearance;
 * the reference discussions form one more group, last, named by their label.
 *
 * @throws {@link InputError} naming a `by` field that no discussion has, with the fields that exist.
 */
export function groupDiscussions(discussions: readonly AnalysedDiscussion[], by: readonly string[]): DiscussionGroup[] {
  const generated = discussions.filter((discussion) => !discussion.reference);
  for (const field of by) checkField(generated, field);
  const groups = new Map<string, DiscussionGroup>();
  for (const discussion of generated) {
    const values = Object.fromEntries(by.map((field) => [field, fieldValue(discussion, field) ?? MISSING_VALUE]));
    const name = by.length === 0 ? discussion.label : by.map((field) => values[field]).join(" / ");
    addTo(groups, name, { name, values, reference: false, discussions: [] }, discussion);
  }
  const references = new Map<string, DiscussionGroup>();
  for (const discussion of discussions) {
    if (!discussion.reference) continue;
    const name = discussion.label;
    const values = Object.fromEntries(by.map((field) => [field, ""]));
    addTo(references, name, { name, values, reference: true, discussions: [] }, discussion);
  }
  return [...groups.values(), ...references.values()];
}

function addTo(
  groups: Map<string, DiscussionGroup>,
  name: string,
  empty: DiscussionGroup,
  discussion: AnalysedDiscussion,
): void {
  let group = groups.get(name);
  if (!group) {
    group = empty;
    groups.set(name, group);
  }
  group.discussions.push(discussion);
}

function checkField(discussions: readonly AnalysedDiscussion[], field: string): void {
  if ((INPUT_FIELDS as readonly string[]).includes(field) || field === "model") return;
  if (discussions.some((discussion) => discussion.fields[field] !== undefined)) return;
  const known = new Set<string>([...INPUT_FIELDS, "model"]);
  for (const discussion of discussions) for (const name of Object.keys(discussion.fields)) known.add(name);
  throw new InputError(`no discussion file has the field "${field}"`, {
    field: "--by",
    fix: `Group by one of: ${[...known].sort().join(", ")}`,
  });
}
