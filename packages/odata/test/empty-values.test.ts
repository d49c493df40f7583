import { describe, expect, it } from "vitest";
import { blankToNull, isBlank } from "../src/index.js";

describe("BC blank placeholders", () => {
  it.each(["", "0001-01-01", "0001-01-01T00:00:00Z", "00000000-0000-0000-0000-000000000000", "_x0020_", null, undefined])("%s is blank", (v) => {
    expect(isBlank(v)).toBe(true);
    expect(blankToNull(v)).toBeNull();
  });
  it.each(["0", "2024-01-01", "00000000-0000-0000-0000-000000000001", "Open", 0, false])("%s is a value", (v) => {
    expect(isBlank(v)).toBe(false);
    expect(blankToNull(v)).toBe(v);
  });
});
