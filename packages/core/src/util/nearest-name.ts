import { distance } from "fastest-levenshtein";

/** Lower case without separators, so that `RoundRobin`, `round-robin` and `round_robin` count as the same. */
function folded(name: string): string {
  return name.toLowerCase().replace(/[\s_-]/g, "");
}

/**
 * The name of `names` that `word` is most likely a slip of the keyboard for, if one is close enough: at most
 * a third of the word's letters apart (and at least two), or the start of the name (three letters or more, and
 * at least half of it), ignoring case and `_`, `-` and spaces. For "did you mean" hints in messages about unknown keys and values.
 */
export function nearestName(word: string, names: readonly string[]): string | undefined {
  const target = folded(word);
  const limit = Math.max(2, Math.floor(word.length / 3));
  let best: { name: string; apart: number } | undefined;
  for (const name of names) {
    const candidate = folded(name);
    const apart = distance(target, candidate);
    const starts = target.length >= 3 && target.length * 2 >= candidate.length && candidate.startsWith(target);
    const close = apart <= limit || starts;
    if (close && (!best || apart < best.apart)) best = { name, apart };
  }
  return best?.name;
}
