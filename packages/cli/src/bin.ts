import { main } from "./main.js";

// The only side effect of the executable: run the command and leave with its exit code.
const code = await main(process.argv);
process.exitCode = code;
// A backend's native threads may keep the process alive after it was disposed; do not wait for them long.
setTimeout(() => process.exit(code), 3000).unref();
