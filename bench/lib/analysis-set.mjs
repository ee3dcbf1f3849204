// The analysis benchmark's data: a set the size of the SynDisco authors' released data (about 1,800
// discussions and 51,000 comments), generated once into bench/.cache/ from a seeded generator, as our
// discussion files. Comments are 8 to 80 words drawn from a Zipf-like vocabulary, so that pairs of comments
// share words about as often as real ones do.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CACHE_DIR } from "./paths.mjs";

export const ANALYSIS_SET = { discussions: 1_800, commentsPerDiscussion: [22, 35], words: [8, 80] };
export const QUICK_ANALYSIS_SET = { discussions: 180, commentsPerDiscussion: [22, 35], words: [8, 80] };

/** The folder of the set (generated when missing) and its number of comments. */
export function ensureAnalysisSet(shape) {
  const folder = join(CACHE_DIR, `analysis-set-${shape.discussions}`);
  const marker = join(folder, ".complete.json");
  if (existsSync(marker)) return folder;
  mkdirSync(folder, { recursive: true });
  const random = mulberry32(2024);
  const between = ([low, high]) => low + Math.floor(random() * (high - low + 1));
  const vocabulary = Array.from({ length: 3_000 }, (_, index) => wordOf(index));
  // Zipf-like: the word of rank r is drawn with weight 1 / (r + 1).
  const cumulative = [];
  let total = 0;
  for (let rank = 0; rank < vocabulary.length; rank++) {
    total += 1 / (rank + 1);
    cumulative.push(total);
  }
  const drawWord = () => {
    const target = random() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle] < target) low = middle + 1;
      else high = middle;
    }
    return vocabulary[low];
  };
  let comments = 0;
  for (let index = 0; index < shape.discussions; index++) {
    const users = ["Emma35", "Giannis", "Lena", "Omar", "Moderator"];
    const logs = [{ name: "Emma35", text: "Cities should ban cars from their centres.", model: "hardcoded" }];
    const count = between(shape.commentsPerDiscussion);
    for (let turn = 0; turn < count; turn++) {
      const name = turn % 2 === 1 ? "Moderator" : users[Math.floor(random() * 4)];
      const words = Array.from({ length: between(shape.words) }, drawWord);
      logs.push({ name, text: `${words.join(" ")}.`, model: index % 2 === 0 ? "model-a" : "model-b" });
    }
    comments += count;
    const id = `bench-${String(index).padStart(5, "0")}`;
    const discussion = {
      id,
      timestamp: "26-11-30-12-00",
      users: users.slice(0, 4),
      moderator: "Moderator",
      user_prompts: users
        .slice(0, 4)
        .map((username) => ({ context: "", instructions: "", type: "1", persona: { username } })),
      moderator_prompt: { context: "", instructions: "Moderate", type: "1", persona: { username: "Moderator" } },
      ctx_length: 3,
      logs,
    };
    writeFileSync(join(folder, `${id}.json`), JSON.stringify(discussion));
  }
  writeFileSync(marker, JSON.stringify({ discussions: shape.discussions, comments }));
  return folder;
}

function wordOf(index) {
  const letters = "abcdefghijklmnopqrstuvwxyz";
  let word = "";
  let rest = index + 1;
  while (rest > 0) {
    word += letters[rest % 26];
    rest = Math.floor(rest / 26);
  }
  return `${word}${index % 7 === 0 ? "s" : ""}`;
}

/** A small seeded generator (mulberry32): the same set on every machine. */
function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
