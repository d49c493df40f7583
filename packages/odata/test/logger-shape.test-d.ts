import { expectTypeOf, test } from "vitest";
import type { AuthLogger } from "@bcts/auth";
import { consoleLogger, type BctsLogger } from "../src/index.js";

// The shared logger is structural: @bcts/odata never imports @bcts/auth, yet one object serves both.
test("BctsLogger and AuthLogger are the same shape, both ways", () => {
  expectTypeOf<BctsLogger>().toMatchTypeOf<AuthLogger>();
  expectTypeOf<AuthLogger>().toMatchTypeOf<BctsLogger>();
  const logger = consoleLogger();
  const forAuth: AuthLogger = logger;
  const back: BctsLogger = forAuth;
  expectTypeOf(back).toEqualTypeOf<BctsLogger>();
});
