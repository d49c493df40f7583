import type { CodeCacheStatus } from "../code-cached-require.js";
import type { EmittedFile } from "../emit/emitted-file.js";

/** Main thread → print worker, one file at a time (structured clone: the emitted structures are plain data). */
export type PrintRequest =
  | { readonly kind: "print"; readonly file: EmittedFile; readonly bannerLine: string }
  | { readonly kind: "saveCodeCache" };

/** Print worker → main thread, in request order. `failed` carries what printing threw. */
export type PrintReply =
  | { readonly kind: "loaded"; readonly ms: number; readonly codeCache: CodeCacheStatus }
  | { readonly kind: "printed"; readonly name: string; readonly text: string }
  | { readonly kind: "failed"; readonly name: string; readonly message: string; readonly stack: string | undefined }
  | { readonly kind: "savedCodeCache"; readonly written: number };
