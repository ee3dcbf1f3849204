import { describe, expect, it } from "vitest";
import { cleanReply, ownHeaderPatterns } from "./clean-reply.js";

const speaker = "Emma35";

describe("cleanReply", () => {
  it("removes an echoed header of the speaker", () => {
    expect(cleanReply("User Emma35 posted: I love night shifts.", { speaker })).toBe("I love night shifts.");
    expect(cleanReply("User Emma35 posted:\nUser Emma35 posted: Twice.", { speaker })).toBe("Twice.");
    expect(cleanReply("Emma35: Short and sweet.", { speaker })).toBe("Short and sweet.");
  });

  it("drops everything from the point where another participant's comment starts", () => {
    const raw = "I agree with you.\nUser Giannis posted: No, you do not!\nUser Emma35 posted: I do.";
    expect(cleanReply(raw, { speaker })).toBe("I agree with you.");
    expect(cleanReply("Fine. User Giannis posted: sure", { speaker })).toBe("Fine.");
  });

  it("returns nothing when the model only writes someone else's comment", () => {
    expect(cleanReply("User Giannis posted: I am Giannis now.", { speaker })).toBe("");
    expect(cleanReply("User Emma35 posted: User Giannis posted: hi", { speaker })).toBe("");
  });

  it("unwraps quotes that merely wrap the whole reply", () => {
    expect(cleanReply('"Hey Emma, I feel you."', { speaker })).toBe("Hey Emma, I feel you.");
    expect(cleanReply("“Curly quotes too.”", { speaker })).toBe("Curly quotes too.");
  });

  it("keeps quotes that do not wrap the whole reply", () => {
    expect(cleanReply('"Yes," she said, "it is."', { speaker })).toBe('"Yes," she said, "it is."');
    expect(cleanReply('He called it "fine".', { speaker })).toBe('He called it "fine".');
  });

  it("trims a reply cut by the token limit to its last complete sentence", () => {
    const raw = '"Ah, nice to hear that. Everything turned out okay at the';
    expect(cleanReply(raw, { speaker, finishReason: "length" })).toBe("Ah, nice to hear that.");
    expect(cleanReply("Really? I think so! And then the", { speaker, finishReason: "length" })).toBe(
      "Really? I think so!",
    );
  });

  it("keeps a cut reply that has no complete sentence, and never trims a reply that ended normally", () => {
    expect(cleanReply("and then the", { speaker, finishReason: "length" })).toBe("and then the");
    expect(cleanReply("Done. and then the", { speaker, finishReason: "stop" })).toBe("Done. and then the");
  });

  it("treats whitespace as nothing said", () => {
    expect(cleanReply("  \n\t ", { speaker })).toBe("");
  });

  it("does not mistake regex characters in usernames", () => {
    expect(cleanReply("User a.b+c posted: hi", { speaker: "a.b+c" })).toBe("hi");
    expect(cleanReply("User axbbc posted: hi", { speaker: "a.b+c" })).toBe("");
  });
});

describe("cleanReply in the 2.2 prompt style", () => {
  const zoe = { speaker: "Zoë Kim", promptStyle: "2.2" } as const;

  it("removes an echoed `Comment by user NAME:` header of the speaker, with the quotes it opens and closes", () => {
    expect(cleanReply('Comment by user Zoë Kim: "\nI agree with you."', zoe)).toBe("I agree with you.");
    expect(cleanReply("Comment by user Zoë Kim: I agree.", zoe)).toBe("I agree.");
    expect(cleanReply('Zoë Kim: "\nShort."', zoe)).toBe("Short.");
    expect(cleanReply('Comment by user Zoë Kim: "\nComment by user Zoë Kim: "\nTwice."', zoe)).toBe("Twice.");
  });

  it("keeps quotes inside the comment when the header's quote is not closed at its end", () => {
    expect(cleanReply('Comment by user Zoë Kim: "\nHe said "no" to me', zoe)).toBe('He said "no" to me');
  });

  it("drops everything from the point where another participant's 2.2 comment starts", () => {
    const raw = 'Comment by user Zoë Kim: "\nFine by me."\nComment by user Giannis: "\nNo way."';
    expect(cleanReply(raw, zoe)).toBe("Fine by me.");
    expect(cleanReply('Sure.\nComment by user Giannis: "\nhi"', zoe)).toBe("Sure.");
    expect(cleanReply('Comment by user Giannis: "\nI am Giannis now."', zoe)).toBe("");
  });

  it("leaves 2.2 headers alone in the default style, and 2.0 headers alone in the 2.2 style", () => {
    expect(cleanReply("Comment by user Emma35: hi", { speaker })).toBe("Comment by user Emma35: hi");
    expect(cleanReply("Fine. User Giannis posted: sure", { speaker: "Zoë Kim", promptStyle: "2.2" })).toBe(
      "Fine. User Giannis posted: sure",
    );
  });
});

describe("the per-speaker pattern cache", () => {
  it("stays bounded however many speakers it meets, and still cleans", () => {
    for (let index = 0; index < 5000; index++)
      cleanReply(`User Speaker${index} posted: hello`, { speaker: `Speaker${index}` });
    expect(ownHeaderPatterns.size).toBeLessThanOrEqual(ownHeaderPatterns.maxSize);
    expect(cleanReply("User Speaker1 posted: hello", { speaker: "Speaker1" })).toBe("hello");
  });
});
