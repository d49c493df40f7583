import { describe, expect, test } from "vitest";
import { readLiveSettings, TargetConfigurationError } from "../src/target.js";

describe("readLiveSettings", () => {
  test("no variable set → undefined (the embedded emulator is used)", () => {
    expect(readLiveSettings({})).toBeUndefined();
    expect(readLiveSettings({ AZURE_TENANT_ID: "  " })).toBeUndefined();
  });

  test("all four set → the live settings, trimmed", () => {
    expect(
      readLiveSettings({ AZURE_TENANT_ID: " contoso.onmicrosoft.com ", AZURE_CLIENT_ID: "c", AZURE_CLIENT_SECRET: "s", BC_ENVIRONMENT: "production" }),
    ).toEqual({ AZURE_TENANT_ID: "contoso.onmicrosoft.com", AZURE_CLIENT_ID: "c", AZURE_CLIENT_SECRET: "s", BC_ENVIRONMENT: "production" });
  });

  const partial: Array<[string, NodeJS.ProcessEnv, string[]]> = [
    ["secret missing", { AZURE_TENANT_ID: "t", AZURE_CLIENT_ID: "c", BC_ENVIRONMENT: "production" }, ["AZURE_CLIENT_SECRET"]],
    ["only the environment", { BC_ENVIRONMENT: "production" }, ["AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET"]],
  ];
  test.each(partial)("partial set (%s) → error naming each missing variable", (_, env, missing) => {
    let error: unknown;
    try {
      readLiveSettings(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TargetConfigurationError);
    const message = (error as Error).message;
    expect(message).toContain(`Missing: ${missing.join(", ")}`);
    expect(message).toContain("embedded emulator");
  });

  test("the error never echoes a secret value", () => {
    expect(() => readLiveSettings({ AZURE_CLIENT_SECRET: "s3cr3t-value", BC_ENVIRONMENT: "x" })).toThrow(/AZURE_CLIENT_SECRET/);
    try {
      readLiveSettings({ AZURE_CLIENT_SECRET: "s3cr3t-value", BC_ENVIRONMENT: "x" });
    } catch (e) {
      expect(String((e as Error).message)).not.toContain("s3cr3t-value");
    }
  });
});

describe("resolveTarget with the live variables", () => {
  test("targets the documented online URLs and builds the credential without contacting anything", async () => {
    const { resolveTarget } = await import("../src/target.js");
    const target = await resolveTarget({ AZURE_TENANT_ID: "contoso.onmicrosoft.com", AZURE_CLIENT_ID: "c", AZURE_CLIENT_SECRET: "s3cr3t-value", BC_ENVIRONMENT: "production" });
    expect(target.kind).toBe("live");
    expect(target.serviceRootUrl).toBe("https://api.businesscentral.dynamics.com/v2.0/contoso.onmicrosoft.com/production/api/v2.0");
    expect(typeof target.credential.getToken).toBe("function");
    expect(target.description.join("\n")).not.toContain("s3cr3t-value");
    await target.close();
  });
});
