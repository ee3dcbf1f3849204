/** The exponent that node-llama-cpp 3.21's JSON grammar allows after every number: up to 16 digits. */
const EXPONENT = ' ([eE] [-+]? ("0" | [1-9] [0-9]{0,15}))?';

/**
 * Removes the exponent from the number rules of a JSON grammar written by node-llama-cpp. With it, an
 * `integer` field may come out as `97E-5` (not a whole number) or `9E4973803` (infinite once parsed), which
 * the answer check refuses; without it, numbers are plain decimals, as answers are. A grammar written
 * differently (another node-llama-cpp version) is returned as it is: answers are still checked.
 */
export function withoutExponents(gbnf: string): string {
  return gbnf.replaceAll(EXPONENT, "");
}
