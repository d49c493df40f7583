import { bctsAdapter } from "./bcts-adapter.js";
import { odata2tsAdapter, odata2tsUnbundledAdapter } from "./odata2ts-adapter.js";
import { sapAdapter } from "./sap-adapter.js";
import type { ToolAdapter } from "./tool-adapter.js";

/** bcts first: every ratio in the report is bcts / peer. */
export const toolAdapters: readonly ToolAdapter[] = [bctsAdapter, odata2tsAdapter, odata2tsUnbundledAdapter, sapAdapter];
