/**
 * Test helpers for code built on SynDisco: a deterministic scripted model.
 *
 * @packageDocumentation
 */
export {
  type RecordedCall,
  type ReplyFunction,
  ScriptedModel,
  type ScriptedModelOptions,
  type ScriptedReply,
} from "./testing/scripted-model.js";
