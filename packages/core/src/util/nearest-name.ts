import { distance } from "fastest-levenshtein";

/** Lower case without separators, so that `RoundRobin`, `round-robin` and `round_robin` count as the same. */
function folded(name: string): string {
  return name.toLowerCase().replace(/[\s_-]/g, "");
}

/**
 * The name of `names` that `word` is most likely a slip of the keyboard for, if one is close enough: at most
 * a third of the word's letters apart (and at least two), ignoring case and `_`, `-` and spaces. For "did you
 * mean" hints in messages about unknown keys and values.
 */
export function nearestName(word: string, names: readonly string[]): string | undefined {
  const target = folded(word);
  let best: { name: string; apart: number } | undefined;
  for (const name of names) {
    const apart = distance(target, folded(name));
    if (!best || apart < best.apart) best = { name, apart };
  }
  return best && best.apart <= Math.max(2, Math.floor(word.length / 3)) ? best.name : undefined;
}
