// An empty program: `tsc --noEmit` of this file with the bench's compiler options is what every
// consumer pays before its first line — the compiler's start, lib.es2023 + DOM and @types/node.
export const floor = 0;
