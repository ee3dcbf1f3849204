import { Actor, ActorType, Persona } from "../src/index.js";
import type { BaseModel } from "../src/model/base-model.js";

/** The two personas of SynDisco's "Creating a Discussion" guide. */
export const GUIDE_PERSONAS = [
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

export const MODERATOR_PERSONA = {
  username: "Moderator",
  age: 41,
  sex: "male",
  education_level: "PhD",
  sexual_orientation: "Pansexual",
  demographic_group: "White",
  current_employment: "Moderator",
  special_instructions: "",
  personality_characteristics: ["strict", "neutral", "just"],
};

export const CONTEXT = "You are taking part in an online conversation";
export const INSTRUCTIONS = "Act like a human would";

/** A participant with a minimal persona. */
export function participant(model: BaseModel, username: string, actorType = ActorType.USER): Actor {
  return new Actor({
    model,
    persona: new Persona({ username }),
    context: CONTEXT,
    instructions: INSTRUCTIONS,
    actorType,
  });
}
