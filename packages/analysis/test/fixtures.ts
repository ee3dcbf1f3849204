import { join } from "node:path";
import {
  annotationFile,
  type Entry,
  ourDiscussion,
  syndisco20Discussion,
  writeJson,
} from "./helpers/discussion-files.js";

/**
 * Discussion 1 (temperature 0.2): a seed, three participant comments (one only `""`) and one by the moderator.
 * Comments: "the cat sat" (3 words), "Please be civil" (3), `""` (1), "the cat ran" (3).
 */
export const DISCUSSION_1: Entry[] = [
  ["u1", "Seed opinion here", "hardcoded"],
  ["u1", "the cat sat", "m1"],
  ["mod", "Please be civil", "m1"],
  ["u2", '""', "m1"],
  ["u2", "the cat ran", "m1"],
];
/** Discussion 2 (temperature 0.7): "a dog" (2 words), "a dog barked" (3). */
export const DISCUSSION_2: Entry[] = [
  ["u1", "a dog", "m2"],
  ["u2", "a dog barked", "m2"],
];
/** A SynDisco 2.0.x discussion: two identical comments. */
export const DISCUSSION_OLD: Entry[] = [
  ["Emma", "Hello there!", "llama"],
  ["Giannis", "hello, there", "llama"],
];

/**
 * Writes a study-like folder `study/` (two cells holding discussions 1 and 2 with their factor as a key, a
 * manifest, and annotations of discussions 1 and 2 by annotators X and Y) and a SynDisco 2.0.x folder `old/`.
 */
export function writeFixtures(root: string): { study: string; old: string } {
  const study = join(root, "study");
  writeJson(join(study, "study.json"), { factors: { temperature: [0.2, 0.7] } });
  writeJson(
    join(study, "temperature-0.2", "discussions", "d1.json"),
    ourDiscussion("d1", DISCUSSION_1, { moderator: "mod", extra: { temperature: 0.2 } }),
  );
  writeJson(
    join(study, "temperature-0.7", "discussions", "d2.json"),
    ourDiscussion("d2", DISCUSSION_2, { extra: { temperature: 0.7 } }),
  );
  const annotations = join(study, "temperature-0.2", "annotations");
  writeJson(
    join(annotations, "d1-X.json"),
    annotationFile("d1", "X", [
      ["Seed opinion here", "3"],
      ["the cat sat", "2"],
      ["Please be civil", "4"],
      ["the cat ran", "5"],
    ]),
  );
  writeJson(
    join(annotations, "d1-Y.json"),
    annotationFile("d1", "Y", [
      ["the cat sat", "4"],
      ["Please be civil", "4"],
      ["the cat ran", "5"],
    ]),
  );
  writeJson(join(study, "temperature-0.7", "annotations", "d2-X.json"), annotationFile("d2", "X", [["a dog", "1"]]));
  const old = join(root, "old");
  writeJson(join(old, "24-05-01-12-00.json"), syndisco20Discussion("old-1", DISCUSSION_OLD));
  return { study, old };
}
