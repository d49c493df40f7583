export interface InitConfigOptions {
  readonly kind: "api" | "odatav4";
  /** `api/v2.0`, `api/contoso/app1/v1.0`, `ODataV4`. */
  readonly path: string;
  readonly name: string;
  /** The command line that wrote it, for the header. */
  readonly commandLine: string;
}

/**
 * The text of a new `bcts.config.ts`: one URL route, its credential created only when the route is
 * fetched, every environment variable it reads named in a comment.
 */
export function initConfigText(options: InitConfigOptions): string {
  const { kind, path, name } = options;
  const odata = kind === "odatav4";
  return `// bcts.config.ts — written by \`${options.commandLine}\`. Reference: the @bcts/codegen README.
//
//   npx bcts generate                   fetch $metadata with the app's token, pin it to metadata/${name}.xml,
//                                       write src/generated/${name}/ (commit both)
//   npx bcts generate --check --offline CI: compare with the pinned snapshot; needs no secrets
//   npx bcts generate --watch           regenerate when this file or the snapshot changes
//
// Environment variables, read only when a route is fetched (never by --offline runs):
//   AZURE_TENANT_ID       Directory (tenant) ID or a domain such as contoso.onmicrosoft.com
//   AZURE_CLIENT_ID       Application (client) ID of the app registration
//   AZURE_CLIENT_SECRET   a client secret's Value (or AZURE_CLIENT_CERTIFICATE_PATH: a PEM with key and certificate)
//   BC_ENVIRONMENT        the Business Central environment, e.g. production or sandbox (default production)
//   BC_BASE_URL           only to point at another host, e.g. the emulator (default https://api.businesscentral.dynamics.com)
//   AZURE_AUTHORITY_HOST  only for another Entra host, e.g. the emulator's
import { createTokenProviderFromEnvironment } from "@bcts/auth";
import { defineConfig, lazyCredential } from "@bcts/codegen";

const credential = lazyCredential(() => createTokenProviderFromEnvironment());
const base = process.env["BC_BASE_URL"] ?? "https://api.businesscentral.dynamics.com";
const tenant = process.env["AZURE_TENANT_ID"] ?? "<tenant>";
const environment = process.env["BC_ENVIRONMENT"] ?? "production";
const root = \`\${base}/v2.0/\${tenant}/\${environment}\`;

export default defineConfig({
  routes: [
    {
      name: ${JSON.stringify(name)},
      kind: ${JSON.stringify(kind)}, // ${odata ? `"odatav4": pages and codeunits published on the Web Services page` : `"api": API v2.0, automation and custom API pages (api/{publisher}/{group}/{version})`}
      path: ${JSON.stringify(path)},
      source: { kind: "url", url: \`\${root}/${path}\`, credential },
      outDir: ${JSON.stringify(`src/generated/${name}`)}, // replaced as a whole on every run
      // snapshotPath: ${JSON.stringify(`metadata/${name}.xml`)}, // the pinned $metadata (this is the default)
      // entitySets: [${odata ? `"CustomerCard", "SalesOrder"` : `"customers", "salesOrders"`}], // only these sets and what they navigate to
      // decimal: "string",                         // Edm.Decimal as \`\${number}\` strings (lossless)
      // dates: "Date",                             // Edm.Date / Edm.DateTimeOffset as Date objects
      // naming: { typePrefix: "Bc" },              // BcCustomer, … (property names keep their wire names)
    },
  ],
});
`;
}
