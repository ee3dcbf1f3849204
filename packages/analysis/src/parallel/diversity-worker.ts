// A worker thread of the diversity pool: computes the diversity of each batch of discussions it is sent.
import { parentPort } from "node:worker_threads";
import { DiversityCalculator } from "../measures/diversity.js";
import type { DiversityJob, DiversityResult } from "./diversity-messages.js";

const calculator = new DiversityCalculator();
parentPort?.on("message", ({ batch, discussions }: DiversityJob) => {
  const answer: DiversityResult = { batch, results: discussions.map((texts) => calculator.diversity(texts)) };
  parentPort?.postMessage(answer);
});
