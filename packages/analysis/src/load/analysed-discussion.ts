/** One comment as the measures see it: a log entry that is not a seed comment. */
export interface AnalysedComment {
  /** The author's username. */
  user: string;
  text: string;
  /** The model that wrote it (`human` for reference data). */
  model: string;
  /** Whether the discussion's moderator wrote it. */
  isModerator: boolean;
  /** Its 1-based position among all log entries (seed comments included), as annotation files record it. */
  order: number;
  /** SynDisco's message id: MD5 of `<conv_id>_<text>`, for annotation files that do not record positions. */
  messageId: string;
}

/** One numeric value an annotator gave one comment, for one measure. */
export interface AnnotationValue {
  /** The annotator's username, or its model's name when the file does not say. */
  annotator: string;
  /** `annotation`, or `annotation.<field>` for a field of a JSON answer. */
  measure: string;
  /** The annotated comment's position in its discussion's log. */
  order: number;
  value: number;
}

/** A discussion read from a file (or a reference CSV), with what it can be grouped by. */
export interface AnalysedDiscussion {
  /** The discussion's id (`conv_id`). */
  id: string;
  /** The label of the input it came from: `label=folder`'s label, else the folder's name. */
  label: string;
  /** The name of the folder that holds its file. */
  folder: string;
  /** Its file (or the reference CSV). */
  file: string;
  /** The file's own fields (a study's factors among them): its top-level text, number and true/false keys. */
  fields: Readonly<Record<string, string>>;
  /** The models that wrote its comments, sorted. */
  models: readonly string[];
  /** Its comments in order, seed comments left out. */
  comments: AnalysedComment[];
  /** How many seed comments (model `hardcoded`) its log holds, which `comments` leaves out. */
  seedComments: number;
  /** The annotations joined to its comments. */
  annotations: AnnotationValue[];
  /** Whether it is reference (human) data. */
  reference: boolean;
}
