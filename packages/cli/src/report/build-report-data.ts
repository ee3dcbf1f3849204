import {
  type AnnotationRow,
  annotationStats,
  coderOf,
  type DiscussionRow,
  joinComments,
  measureValues,
  personaAttributes,
} from "@syndisco/core";
import type { ReportComment, ReportData, ReportDiscussion } from "./report-data.js";
import { CODER_ATTRIBUTE, TURN_ATTRIBUTE } from "./report-data.js";

/** What a report is made of: the exported rows of a run's discussions and annotations. */
export interface ReportRows {
  discussions: readonly DiscussionRow[];
  /** Empty when the discussions have not been annotated. */
  annotations: readonly AnnotationRow[];
}

/** The report's title and the CLI's version, recorded in the page. */
export interface ReportLabels {
  title: string;
  version: string;
  generatedAt: Date;
}

/**
 * Turns exported rows into the report's data: discussions as threads whose comments carry each annotator's
 * answer, every distinct commenter persona once, and the statistics (with breakdowns by every persona
 * attribute and by position in the discussion) that the charts draw.
 */
export function buildReportData({ discussions, annotations }: ReportRows, labels: ReportLabels): ReportData {
  const attributes = personaAttributes(annotations, discussions);
  const joined = joinComments(annotations, discussions);
  const present = new Set(joined.flatMap((entry) => Object.keys(entry.columns)));
  const by = [...attributes.commenter, ...attributes.annotator, CODER_ATTRIBUTE, TURN_ATTRIBUTE].filter((column) =>
    present.has(column),
  );
  const stats = annotationStats(annotations, { discussions, by });

  const personas = new PersonaIndex(new Set(attributes.commenter));
  const threads = new Map<string, ReportDiscussion>();
  const commentOf = new Map<DiscussionRow, ReportComment>();
  for (const row of discussions) {
    const thread = threads.get(row.conv_id) ?? newThread(row);
    threads.set(row.conv_id, thread);
    const persona = personas.indexOf(row);
    if (persona !== null && !thread.participants.includes(persona)) thread.participants.push(persona);
    const comment: ReportComment = {
      user: row.user,
      text: row.message,
      model: row.model,
      moderator: row.is_moderator,
      persona,
      annotations: [],
    };
    thread.comments.push(comment);
    commentOf.set(row, comment);
  }

  const coders = stats.annotators.map((annotator) => annotator.annotator);
  const coderIndex = new Map(coders.map((name, index) => [name, index]));
  for (const { annotation, comment } of joined) {
    const target = comment && commentOf.get(comment);
    if (!target) continue;
    target.annotations.push({
      coder: coderIndex.get(coderOf(annotation)) ?? 0,
      values: measureValues(annotation.annotation_value),
      valid: annotation.annotation_valid,
      raw: annotation.annotation,
    });
  }

  // Each comment's badges in the annotators' order, whatever order the files were read in.
  for (const comment of commentOf.values()) comment.annotations.sort((a, b) => a.coder - b.coder);

  return {
    title: labels.title,
    generatedAt: labels.generatedAt.toISOString(),
    version: labels.version,
    personas: personas.list,
    discussions: [...threads.values()],
    coders,
    measures: stats.measures.map(({ comments: _comments, ...measure }) => measure),
    annotators: stats.annotators,
    attributes: {
      commenter: attributes.commenter.filter((column) => present.has(column)),
      annotator: attributes.annotator,
    },
  };
}

function newThread(row: DiscussionRow): ReportDiscussion {
  return { id: row.conv_id, timestamp: row.timestamp, variant: row.conv_variant, participants: [], comments: [] };
}

/** Each distinct persona once, found again by its content. */
class PersonaIndex {
  readonly list: Record<string, unknown>[] = [];
  readonly #byContent = new Map<string, number>();
  readonly #attributes: ReadonlySet<string>;

  constructor(attributes: ReadonlySet<string>) {
    this.#attributes = attributes;
  }

  /** The index of the persona of a comment's author; `null` when the row carries no persona attribute. */
  indexOf(row: DiscussionRow): number | null {
    const persona: Record<string, unknown> = { username: row.user };
    for (const [column, value] of Object.entries(row)) {
      if (this.#attributes.has(column) && value !== undefined) persona[column] = value;
    }
    if (Object.keys(persona).length === 1) return null;
    const key = JSON.stringify(persona);
    let index = this.#byContent.get(key);
    if (index === undefined) {
      index = this.list.push(persona) - 1;
      this.#byContent.set(key, index);
    }
    return index;
  }
}
