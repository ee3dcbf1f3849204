/**
 * What an actor does, which decides how it is prompted. Serialised as `"1"` and `"2"`, as SynDisco does.
 */
export enum ActorType {
  /** A participant (or moderator) of a discussion. */
  USER = "1",
  /** An annotator that labels the comments of a finished discussion. */
  ANNOTATOR = "2",
}
