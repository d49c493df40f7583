/** BC_COMPANY_ID names no company of the environment; the message lists those it has. */
export class UnknownCompanyError extends Error {
  override readonly name = "UnknownCompanyError";
  readonly requested: string;
  readonly companies: readonly { readonly id: string; readonly name: string | null }[];
  readonly remedy: string;

  constructor(requested: string, companies: readonly { readonly id: string; readonly name: string | null }[]) {
    const listed = companies.length === 0 ? "(none)" : companies.map((c) => `${c.name ?? "(no name)"} (${c.id})`).join(", ");
    const remedy = "Set BC_COMPANY_ID to one of these ids or names, or unset it to use the first company. Nothing was written.";
    super(`No company with id or name "${requested}" in this environment; it has: ${listed}. ${remedy}`);
    this.requested = requested;
    this.companies = companies;
    this.remedy = remedy;
  }
}
