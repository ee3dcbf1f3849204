import { InputError } from "@syndisco/core";
import type { GbnfJsonSchema, Llama, LlamaGrammar } from "node-llama-cpp";
import { answerToFit } from "./answer-size.js";
import { keywordsTheGrammarIgnores } from "./grammar-keywords.js";
import { withoutExponents } from "./number-rules.js";

/**
 * Tokens a JSON grammar may spend after the answer: node-llama-cpp's grammars end an answer with four new
 * lines (its stop trigger), which take up to one token each. They are added to the reply's budget, so that
 * `maxOutTokens` counts the answer alone.
 */
export const GRAMMAR_END_TOKENS = 4;

/** How generation is held to one JSON schema. */
export interface AnswerConstraint {
  /** The grammar generation runs under. */
  readonly grammar: LlamaGrammar;
  /** The answer that the token budget must fit (see {@link answerToFit}). */
  readonly answerToFit: string;
  /** Its length in this model's tokens. */
  readonly answerTokens: number;
}

/** What {@link AnswerConstraints} needs from the model it serves. */
export interface ConstraintContext {
  llama: Llama;
  countTokens(text: string): number;
  warn(message: string): void;
}

/**
 * Makes the grammar for each response schema once and keeps it: converting a schema and parsing its grammar
 * takes time, and annotators send the same schema with every prompt. A grammar holds no generation state, so
 * concurrent generations share it.
 */
export class AnswerConstraints {
  readonly #context: ConstraintContext;
  readonly #bySchema = new Map<string, Promise<AnswerConstraint>>();

  constructor(context: ConstraintContext) {
    this.#context = context;
  }

  /**
   * The constraint for a response schema.
   *
   * @throws InputError naming `answerForm` when node-llama-cpp cannot turn the schema into a grammar.
   */
  for(schema: Record<string, unknown>): Promise<AnswerConstraint> {
    const key = JSON.stringify(schema);
    let constraint = this.#bySchema.get(key);
    if (!constraint) {
      // A schema that fails fails every time, so its rejection is kept too.
      constraint = this.#create(schema);
      this.#bySchema.set(key, constraint);
    }
    return constraint;
  }

  async #create(schema: Record<string, unknown>): Promise<AnswerConstraint> {
    const { llama } = this.#context;
    let grammar: LlamaGrammar;
    try {
      // The converter reads any JSON schema object and throws on what it cannot convert; its type only lists what it enforces.
      const jsonGrammar = await llama.createGrammarForJsonSchema<GbnfJsonSchema>(schema as GbnfJsonSchema);
      const rules = withoutExponents(jsonGrammar.grammar);
      grammar =
        rules === jsonGrammar.grammar
          ? jsonGrammar
          : await llama.createGrammar({
              grammar: rules,
              stopGenerationTriggers: jsonGrammar.stopGenerationTriggers,
              trimWhitespaceSuffix: jsonGrammar.trimWhitespaceSuffix,
            });
    } catch (error) {
      throw new InputError(
        `node-llama-cpp cannot make a grammar from the answer's JSON schema ${truncate(JSON.stringify(schema))}: ${
          error instanceof Error ? error.message : String(error)
        }`,
        {
          field: "answerForm",
          fix: "Use a scale, a label list, or a json form whose fields are string, number, integer, boolean or a list of labels",
        },
      );
    }
    const ignored = keywordsTheGrammarIgnores(schema);
    if (ignored.length > 0) {
      this.#context.warn(
        `the llama.cpp grammar cannot enforce ${ignored.join(", ")} of the answer's JSON schema; ` +
          "answers that break them are caught by the answer check and asked again",
      );
    }
    const answer = answerToFit(schema);
    return { grammar, answerToFit: answer, answerTokens: this.#context.countTokens(answer) };
  }
}

/**
 * Whether a constrained reply is a whole JSON value. The grammar allows nothing else, so a reply that does
 * not parse was cut by the token limit.
 */
export function isWholeJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function truncate(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** The token budget of one constrained reply. */
export interface ReplyBudget {
  /** The call's `maxOutTokens`. */
  maxOutTokens: number;
  /** Tokens left in the sequence after the prompt. */
  room: number;
  /** The prompt's tokens and the sequence's size, to explain a lack of room. */
  promptTokens: number;
  contextSize: number;
}

/**
 * Checks that a reply's budget can hold the answer before any token is generated: a JSON answer cut by the
 * token limit is invalid however often it is asked again.
 *
 * @throws InputError naming `maxOutTokens`, or `contextSize` when the prompt leaves too little room.
 */
export function assertAnswerFits(constraint: AnswerConstraint, budget: ReplyBudget): void {
  const needed = constraint.answerTokens;
  const answer = `the answer ${constraint.answerToFit} (${needed} tokens with this model)`;
  if (budget.maxOutTokens < needed) {
    throw new InputError(`${budget.maxOutTokens} tokens cannot hold ${answer}`, {
      field: "maxOutTokens",
      fix: `Raise maxOutTokens to at least ${needed}, with room to spare for spaces and line breaks, and more for free text or numbers in a json answer form`,
    });
  }
  if (budget.room < needed) {
    throw new InputError(
      `the prompt has ${budget.promptTokens} tokens, which leaves ${budget.room} in contextSize ${budget.contextSize}: too few for ${answer}`,
      { field: "contextSize", fix: "Raise contextSize, or shorten the prompt (in an annotation, lower historyCtxLen)" },
    );
  }
}
