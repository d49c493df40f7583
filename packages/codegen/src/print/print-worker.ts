import { parentPort } from "node:worker_threads";
import { saveCodeCache } from "../code-cached-require.js";
import { loadTsMorph, takeTsMorphLoad } from "../ts-morph.js";
import { createFilePrinter } from "./print-files.js";
import type { PrintReply, PrintRequest } from "./print-worker-protocol.js";

// The worker thread `print-in-worker.ts` starts: it loads ts-morph at once (while the main thread
// reads, parses, models and emits), then prints each file it is sent, answering in order.
const port = parentPort;
if (port === null) throw new Error("print-worker.ts runs only as a worker thread (see print-in-worker.ts)");
loadTsMorph();
const load = takeTsMorphLoad();
post({ kind: "loaded", ms: load?.ms ?? 0, codeCache: load?.codeCache ?? "unavailable" });
const print = createFilePrinter();

port.on("message", (request: PrintRequest) => {
  switch (request.kind) {
    case "print": {
      try {
        post({ kind: "printed", name: request.file.fileName, text: print(request.file, request.bannerLine) });
      } catch (error) {
        post({ kind: "failed", name: request.file.fileName, message: error instanceof Error ? `${error.name}: ${error.message}` : String(error), stack: error instanceof Error ? error.stack : undefined });
      }
      break;
    }
    case "saveCodeCache":
      post({ kind: "savedCodeCache", written: saveCodeCache() });
      break;
    default: {
      const unreachable: never = request;
      throw new Error(`unknown print request ${JSON.stringify(unreachable)}`);
    }
  }
});

function post(reply: PrintReply): void {
  port?.postMessage(reply);
}
