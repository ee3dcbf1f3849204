import { describe, expect, it } from "vitest";
import { withoutExponents } from "./number-rules.js";

// The two number rules as node-llama-cpp 3.21 writes them.
const INTEGER_RULE = 'integer-number-rule ::= "-"? ("0" | [1-9] [0-9]{0,15}) ([eE] [-+]? ("0" | [1-9] [0-9]{0,15}))?';
const FRACTIONAL_RULE =
  'fractional-number-rule ::= "-"? ("0" | [1-9] [0-9]{0,15}) ("." [0-9]{1,16})? ([eE] [-+]? ("0" | [1-9] [0-9]{0,15}))?';

describe("withoutExponents", () => {
  it("drops the exponent from integer and fractional number rules", () => {
    expect(withoutExponents(`root ::= integer-number-rule\n${INTEGER_RULE}\n${FRACTIONAL_RULE}`)).toBe(
      'root ::= integer-number-rule\ninteger-number-rule ::= "-"? ("0" | [1-9] [0-9]{0,15})\n' +
        'fractional-number-rule ::= "-"? ("0" | [1-9] [0-9]{0,15}) ("." [0-9]{1,16})?',
    );
  });

  it("leaves a grammar without those rules as it is", () => {
    const grammar = 'root ::= "{" ws "\\"answer\\"" ":" [ ]? ( "1" | "2" ) "}"';
    expect(withoutExponents(grammar)).toBe(grammar);
  });
});
