/**
 * ROUGE-L F1 from the LCS length of two token lists: P = L / len(second), R = L / len(first),
 * F1 = 2PR / (P + R); 0 when either list is empty or L is 0.
 */
export function rougeLF1(lcsLength: number, firstLength: number, secondLength: number): number {
  if (lcsLength === 0 || firstLength === 0 || secondLength === 0) return 0;
  const precision = lcsLength / secondLength;
  const recall = lcsLength / firstLength;
  return (2 * precision * recall) / (precision + recall);
}
