// Public API of @bcts/codegen (explicit list; everything else is internal).
export { generate, type GenerateOptions, type RouteResult } from "./generate.js";
export { generateFiles, type GeneratedRoute } from "./generate-files.js";
export type { GenerationTimings, PipelineTimings } from "./generation-timings.js";
export type { CodeCacheStatus } from "./code-cached-require.js";
export { fetchMetadata, type FetchMetadataOptions } from "./fetch/fetch-metadata.js";
export { MetadataFetchError } from "./fetch/metadata-fetch-error.js";
export { defineConfig } from "./config/define-config.js";
export { lazyCredential } from "./config/lazy-credential.js";
export { resolveConfig } from "./config/resolve-config.js";
export { loadConfig } from "./config/load-config.js";
export { ConfigError } from "./config/config-error.js";
export type { BctsConfig, RouteConfig, MetadataSource, NamingOptions, ResolvedNaming, ResolvedRoute } from "./config/config-types.js";
export { CsdlParseError } from "./csdl/csdl-parse-error.js";
export { MetadataModelError } from "./model/metadata-model-error.js";
export { PrintWorkerError } from "./print/print-worker-error.js";
export { diffMetadata, type MetadataDiff, type DiffMetadataOptions } from "./diff/diff-metadata.js";
export type { MetadataChange, Bump } from "./diff/metadata-change.js";
