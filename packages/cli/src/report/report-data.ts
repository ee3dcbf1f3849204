import type { AnalysisCharts } from "@syndisco/analysis";
import type { AnnotatorValidity, MeasureStats, MeasureValue, PersonaAttributes } from "@syndisco/core";

/**
 * What `syndisco report` embeds in the page as JSON: the threads with their annotations, and the statistics
 * the charts draw. Shared by the command (which builds it) and the page script (which renders it).
 */
export interface ReportData {
  title: string;
  /** When the report was made (ISO 8601). */
  generatedAt: string;
  /** The CLI's version. */
  version: string;
  /** Every distinct persona of a commenter; comments refer to them by index. */
  personas: Record<string, unknown>[];
  discussions: ReportDiscussion[];
  /** The annotators' names; annotations refer to them by index. */
  coders: string[];
  /** The statistics of each measure, without the per-comment table (the threads show those values). */
  measures: ReportMeasure[];
  /** Valid and invalid answers per annotator. */
  annotators: AnnotatorValidity[];
  /** The persona attributes the breakdowns cover. */
  attributes: PersonaAttributes;
  /** What `syndisco analyze` measures of the run, for its charts; absent in reports made without it. */
  analysis?: AnalysisCharts;
}

/** One discussion as a thread. */
export interface ReportDiscussion {
  id: string;
  timestamp: string;
  /** The folder that holds the discussion's file. */
  variant: string;
  /** The personas (indices into {@link ReportData.personas}) of those who commented, in order of appearance. */
  participants: number[];
  comments: ReportComment[];
}

/** One comment and what each annotator said about it. */
export interface ReportComment {
  user: string;
  text: string;
  model: string;
  moderator: boolean;
  /** The author's persona (an index into {@link ReportData.personas}); `null` when the file has none. */
  persona: number | null;
  annotations: ReportAnnotation[];
}

/** One annotator's answer about one comment. */
export interface ReportAnnotation {
  /** An index into {@link ReportData.coders}. */
  coder: number;
  /** What the answer says, measure by measure; empty when it was invalid or could not be read. */
  values: MeasureValue[];
  /** Whether the answer fit the annotator's answer form; `null` when unknown (no form). */
  valid: boolean | null;
  /** The answer as the model wrote it. */
  raw: string;
}

/** A measure's statistics for the charts. */
export type ReportMeasure = Omit<MeasureStats, "comments">;

/** The column that breakdowns by position in the discussion use. */
export const TURN_ATTRIBUTE = "message_order";

/** The column that breakdowns by annotator use. */
export const CODER_ATTRIBUTE = "annotator";
