// The replay worker's entry: worker threads start without the server's TypeScript loader, so this
// plain module registers tsx (as `npm start` does for the main thread) and loads the worker.
import { tsImport } from "tsx/esm/api";

await tsImport("./replay-worker.ts", import.meta.url);
