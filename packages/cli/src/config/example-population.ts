/** The file name `syndisco init` gives the population spec. */
export const EXAMPLE_POPULATION_FILE = "population.yaml";

/** A commented population spec, from which `syndisco personas` draws a persona file. */
export const EXAMPLE_POPULATION = `# A population of personas: draw a persona file that matches these shares.
#   syndisco personas population.yaml --count 200 --seed 7 -o personas.json
# Shares are met by quota (200 personas at 30% give exactly 60); the same count and seed give the same file.
# Every key is described in @syndisco/core's README, "Persona populations".

fields:
  # Categories with weights: only the shares matter.
  sex: { values: { female: 50, male: 48, non-binary: 2 } }
  sexual_orientation: { values: { Heterosexual: 88, Homosexual: 4, Bisexual: 6, Pansexual: 2 } }
  demographic_group: { values: { White: 60, Latino: 19, Black: 12, Asian: 6, Other: 3 } }
  political_leaning: { values: { Left: 30, Centre: 40, Right: 30 } }
  # Numbers: a band by quota, then a whole number within it.
  age:
    bands:
      - { range: [18, 29], weight: 20 }
      - { range: [30, 49], weight: 34 }
      - { range: [50, 64], weight: 25 }
      - { range: [65, 85], weight: 21 }

# Fields that must co-vary: only these combinations occur, with these weights.
joint:
  - fields: [education_level, current_employment]
    rows:
      - { education_level: High school, current_employment: Delivery driver, weight: 3 }
      - { education_level: High school, current_employment: Electrician, weight: 3 }
      - { education_level: College, current_employment: Game Developer, weight: 2 }
      - { education_level: Bachelor's, current_employment: Registered Nurse, weight: 3 }
      - { education_level: Master's, current_employment: Teacher, weight: 2 }
      - { education_level: PhD, current_employment: Researcher, weight: 1 }

# The same value for everyone.
fixed:
  special_instructions: ""

# Lists: each persona gets 2 or 3 distinct traits.
traits:
  personality_characteristics:
    from: [compassionate, patient, curious, sarcastic, impatient, principled, warm, talkative, blunt, shy]
    count: [2, 3]
`;
