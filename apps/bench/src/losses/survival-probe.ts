/**
 * Answers, from one tool's generated files, whether a metadata feature is still usable in the
 * generated API. Each tool implements it by the way that tool represents the feature (see
 * docs/benchmarks.md, "How losses are counted").
 */
export interface SurvivalProbe {
  entityType(type: string): boolean;
  navigation(owner: string, name: string): boolean;
  boundAction(binding: string, name: string): boolean;
  /** a stream property survives only if exposed as binary/stream content, not as string or any */
  stream(owner: string, name: string): boolean;
  enumType(name: string): boolean;
}
