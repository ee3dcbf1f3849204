// SynDisco's guide "Creating a Discussion", step by step, in TypeScript's API (plain JavaScript here so that it
// runs without a build step). Run it from the repository root after `pnpm install && pnpm build`:
//
//   node examples/creating-a-discussion.mjs [path/to/model.gguf]
//
// Without an argument it uses the tiny model in ../shared/models, which writes children's stories rather than
// forum comments; any chat model in GGUF format gives real discussions.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Actor, ActorType, Discussion, Persona, RandomWeighted, RoundRobin } from "@syndisco/core";
import { LlamaCppModel } from "@syndisco/model-llamacpp";

const modelPath = process.argv[2] ?? new URL("../../shared/models/stories260K.gguf", import.meta.url).pathname;

// ## The model
const llm = await LlamaCppModel.load({ modelPath, name: "test_model", maxOutTokens: 100 });

// ## Creating personas
const personaData = [
  {
    username: "Emma35",
    age: 38,
    sex: "female",
    education_level: "Bachelor's",
    sexual_orientation: "Heterosexual",
    demographic_group: "Latino",
    current_employment: "Registered Nurse",
    special_instructions: "",
    personality_characteristics: ["compassionate", "patient", "diligent", "overwhelmed"],
  },
  {
    username: "Giannis",
    age: 21,
    sex: "male",
    education_level: "College",
    sexual_orientation: "Pansexual",
    demographic_group: "White",
    current_employment: "Game Developer",
    special_instructions: "",
    personality_characteristics: ["strategic", "meticulous", "nerdy", "hyper-focused"],
  },
];
const personas = personaData.map((data) => new Persona(data));
for (const persona of personas) console.log(String(persona));

// ## Creating the user-agents
const CONTEXT = "You are taking part in an online conversation";
const INSTRUCTIONS = "Act like a human would";
const actors = personas.map(
  (persona) =>
    new Actor({ model: llm, persona, actorType: ActorType.USER, context: CONTEXT, instructions: INSTRUCTIONS }),
);

// ## Managing turn-taking
const rrobinTurnManager = new RoundRobin(["John", "Mary", "Howard", "Todd"]);
for (let i = 0; i < 10; i++) console.log(rrobinTurnManager.next().value);

const rweightedTurnManager = new RandomWeighted({ names: ["John", "Mary", "Howard", "Todd"], pRespond: 0.5 });
for (let i = 0; i < 10; i++) console.log(rweightedTurnManager.next().value);

// ## Generating a discussion
const conv = new Discussion({ nextTurnManager: new RoundRobin(actors.map((actor) => actor.getName())), users: actors });
await conv.begin();

// Let's add a moderator to oversee the discussion.
const MODERATOR_INSTRUCTIONS = "You are a moderator. Oversee the discussion";
const moderator = new Actor({
  model: llm,
  persona: new Persona({
    username: "Moderator",
    age: 41,
    sex: "male",
    education_level: "PhD",
    sexual_orientation: "Pansexual",
    demographic_group: "White",
    current_employment: "Moderator",
    special_instructions: "",
    personality_characteristics: ["strict", "neutral", "just"],
  }),
  actorType: ActorType.USER,
  context: CONTEXT,
  instructions: MODERATOR_INSTRUCTIONS,
});
const moderated = new Discussion({
  nextTurnManager: new RoundRobin([...actors, moderator].map((actor) => actor.getName())),
  users: [...actors, moderator],
  moderator,
});
await moderated.begin();

// ### Saving a discussion to the disk
const path = join(await mkdtemp(join(tmpdir(), "syndisco-guide-")), "discussion.json");
await moderated.toJsonFile(path);
console.log(`Saved to ${path}`);
console.log(JSON.stringify(moderated.toDict(), null, 2).slice(0, 600));

await llm.dispose();
