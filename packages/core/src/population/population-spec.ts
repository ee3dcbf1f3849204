import { z } from "zod";

/**
 * A population spec: how to draw personas whose attributes follow given shares. Written in YAML or JSON by
 * researchers, so every object is strict (a misspelt key is an error, not a silently ignored setting).
 */

/** A value a categorical field or a joint table may give a persona attribute. */
const attributeValueSchema = z.union([z.string(), z.number(), z.boolean()]);

/** Values with their weights (any non-negative numbers; only their shares matter). */
const weightsSchema = z.record(z.string(), z.number().nonnegative("a weight cannot be negative"));

/** A whole-number or decimal range, both ends included. */
const rangeSchema = z
  .tuple([z.number(), z.number()])
  .refine(([low, high]) => low <= high, { message: "the first end of a range must not exceed the second" });

/**
 * One independent field. Categorical: `values` (categories with weights, drawn by quota). Numeric: `range`
 * (uniform), `normal` (truncated to `range` when given) or `bands` (ranges with weights, drawn by quota, then
 * uniformly within the band). Which kind a field is follows from its keys; mixing them is an error.
 */
const fieldSchema = z.strictObject({
  values: weightsSchema.optional(),
  range: rangeSchema.optional(),
  normal: z.strictObject({ mean: z.number(), sd: z.number().positive() }).optional(),
  bands: z
    .array(z.strictObject({ range: rangeSchema, weight: z.number().nonnegative() }))
    .min(1)
    .optional(),
  /** Refuse a count whose quotas are not whole numbers, instead of rounding them. */
  exact: z.boolean().default(false),
  /** Numeric fields only: whole numbers (the default, as for ages) or decimals. */
  integer: z.boolean().default(true),
});

/** Fields that must co-vary: each row is one combination of values with its weight. */
const jointTableSchema = z.strictObject({
  fields: z.array(z.string().min(1)).min(2, "a joint table ties two or more fields together"),
  rows: z.array(z.record(z.string(), attributeValueSchema)).min(1, "a joint table needs at least one row"),
  exact: z.boolean().default(false),
});

/** Free-text traits: each persona gets `count` distinct items of `from`. */
const traitsSchema = z.strictObject({
  from: z.array(z.string().min(1)).min(1),
  /** How many each persona gets: a number, or `[least, most]` drawn uniformly. */
  count: z.union([z.int().min(0), z.tuple([z.int().min(0), z.int().min(0)])]).default(1),
});

/** A whole population spec. */
export const populationSpecSchema = z.strictObject({
  /** One entry per independent field: categorical (`values`) or numeric (`range`, `normal`, `bands`). */
  fields: z.record(z.string().min(1), fieldSchema).default({}),
  /** Fields whose values must be drawn together, as combinations with weights. */
  joint: z.array(jointTableSchema).default([]),
  /** Attributes every persona gets as they are. */
  fixed: z.record(z.string().min(1), z.union([attributeValueSchema, z.null(), z.array(z.string())])).default({}),
  /** List attributes filled with distinct items drawn from a list (e.g. `personality_characteristics`). */
  traits: z.record(z.string().min(1), traitsSchema).default({}),
  /** How usernames are made: random, unique adjective-noun names. */
  usernames: z.enum(["adjective-noun"]).default("adjective-noun"),
});

/** A population spec as written (before defaults). */
export type PopulationSpecInput = z.input<typeof populationSpecSchema>;
/** A validated population spec, with defaults filled in. */
export type PopulationSpec = z.output<typeof populationSpecSchema>;
/** One validated entry of `fields`. */
export type FieldSpec = z.output<typeof fieldSchema>;
/** A validated joint table. */
export type JointTableSpec = z.output<typeof jointTableSchema>;
/** A validated traits entry. */
export type TraitsSpec = z.output<typeof traitsSchema>;
