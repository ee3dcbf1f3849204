/**
 * A count with its noun in the right number: `countOf(1, "discussion")` is "1 discussion", `countOf(2,
 * "discussion")` is "2 discussions". Give `plural` for nouns that do not just add an "s".
 */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
