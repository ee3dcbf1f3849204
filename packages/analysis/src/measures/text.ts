/** Runs of anything but lower-case ASCII letters and digits: the separators of diversity tokens. */
const NON_TOKEN = /[^a-z0-9]+/g;
/** Text made only of whitespace and double quotes: a comment that says nothing. */
const BLANK = /^[\s"]*$/;

/**
 * The words of a comment for dataset statistics: the whitespace-separated tokens of its text (what
 * JavaScript's `\s` matches separates them), so an empty text has none.
 */
export function countWords(text: string): number {
  const trimmed = text.trim();
  return trimmed === "" ? 0 : trimmed.split(/\s+/).length;
}

/** Whether a comment's text is made only of whitespace and double quotes (`"`). */
export function isBlankComment(text: string): boolean {
  return BLANK.test(text);
}

/**
 * The tokens that ROUGE-L compares: the text lower-cased, every run of characters other than `a`–`z` and
 * `0`–`9` replaced with a space, split on spaces (empty pieces dropped).
 */
export function diversityTokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(NON_TOKEN, " ")
    .split(" ")
    .filter((token) => token.length > 0);
}
