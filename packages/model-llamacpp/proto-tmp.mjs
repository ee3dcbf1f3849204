import {getLlama, LlamaCompletion, LlamaChat, resolveChatWrapper} from "node-llama-cpp";
const llama = await getLlama({gpu: false, build: "never"});
const schemas = {
 label: {type:"object",properties:{answer:{type:"string",enum:["toxic","not toxic", 'say "hi" \\ ok']}},required:["answer"],additionalProperties:false},
 scale: {type:"object",properties:{answer:{type:"integer",enum:[1,2,3,4,5]}},required:["answer"],additionalProperties:false},
 json: {type:"object",properties:{toxicity:{type:"integer"},target:{type:"string",enum:["person","group","none"]},insult:{type:"boolean"},why:{type:"string"}},required:[],additionalProperties:false},
};
for (const file of ["stories260K.gguf","tiny-random-llama.gguf"]) {
  const model = await llama.loadModel({modelPath: "/work/shared/models/"+file});
  const context = await model.createContext({contextSize: 256, threads: 1});
  const seq = context.getSequence();
  const completion = new LlamaCompletion({contextSequence: seq});
  for (const [k,s] of Object.entries(schemas)) {
    const g = await llama.createGrammarForJsonSchema(s);
    for (const temperature of [0, 0.8]) {
      const t0 = performance.now();
      const r = await completion.generateCompletionWithMeta("User: Is this toxic?\nAssistant:", {maxTokens: 120, temperature, seed: 3, grammar: g});
      console.log(file, k, temperature, JSON.stringify(r.response), r.metadata.stopReason, (performance.now()-t0).toFixed(0));
      await seq.clearHistory();
    }
  }
  await context.dispose(); await model.dispose();
}
try { await llama.createGrammarForJsonSchema({type:"object",properties:{a:{enum:[{}]}}}); } catch(e) { console.log("ERR", e.message); }
try { await llama.createGrammarForJsonSchema({type:"object",properties:{a:{$ref:"#/x"}}}); console.log("no err ref"); } catch(e) { console.log("ERR", e.message); }
