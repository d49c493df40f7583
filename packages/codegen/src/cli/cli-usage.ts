/** Help texts, one per command: `bcts <command> --help` prints its own. */
export const USAGE = {
  main: `Usage: bcts <command> [options]

Commands:
  generate   typed clients from $metadata (bcts.config.ts, or --input/--url)
  init       write a commented bcts.config.ts for one route
  diff       classify the changes between two $metadata documents
  doctor     check an S2S setup step by step from the AZURE_* / BC_* variables

  bcts <command> --help   options of one command
  bcts --version          the installed version`,
  generate: `Usage:
  bcts generate [--config bcts.config.ts] [--route <name>]... [--check] [--offline] [--watch] [--timings]
  bcts generate --input <metadata.xml> --out <dir> [--kind api|odatav4] [--path api/v2.0] [--name api-v2.0]
                [--entity-sets a,b] [--decimal number|string] [--int64 number|string] [--dates string|Date] [--no-openapi] [--check] [--watch]
  bcts generate --url <serviceRoot> --out <dir> ...   (token from the BC_ACCESS_TOKEN environment variable)

  --config   the config file (default ./bcts.config.ts); may live outside the project
  --route    only this route (repeatable)
  --check    exit 1 when the committed output differs from what would be generated (CI)
  --offline  read each route's pinned snapshot (metadata/<route>.xml) instead of its URL
  --watch    generate, then regenerate from the pinned snapshots whenever the config, a snapshot or an
             --input file changes; stop with Ctrl-C
  --timings  print where each route's time went (ts-morph load, read, parse, model, emit, print, write);
             BCTS_CODE_CACHE=off turns off the V8 code cache that speeds up loading ts-morph;
             BCTS_PRINT_WORKER=off|on prints on the main thread | a worker thread (default: the main thread)`,
  init: `Usage:
  bcts init [--kind api|odatav4] [--path <route path>] [--name <route name>] [--config bcts.config.ts] [--force]

  Writes a commented bcts.config.ts with one URL route whose credential is read from AZURE_TENANT_ID,
  AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH) when it is fetched.
  --kind    "api" (API v2.0 and custom API pages, default) or "odatav4" (web services)
  --path    e.g. api/contoso/app1/v1.0 (default api/v2.0, or ODataV4 for --kind odatav4)
  --name    route name (default from the path: api/contoso/app1/v1.0 → contoso-app1-v1.0)
  --force   overwrite an existing file`,
  diff: `Usage:
  bcts diff <old.xml> <new.xml> [--kind api|odatav4]

  Prints the classified changes: additions are minor; removals, renames and type changes major.`,
  doctor: `Usage:
  bcts doctor [--config bcts.config.ts] [--timeout-ms 15000]

  Checks, in order, from AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET (or
  AZURE_CLIENT_CERTIFICATE_PATH), BC_ENVIRONMENT and BC_COMPANY_ID: a token from Entra ID, its audience
  and roles, the environment, the app's registration in Business Central, a readable company and the
  routes of bcts.config.ts (when present). Prints what is wrong and how to fix it; exit 1 on a failure.
  AZURE_AUTHORITY_HOST and BC_BASE_URL point it elsewhere (the emulator).`,
} as const;
