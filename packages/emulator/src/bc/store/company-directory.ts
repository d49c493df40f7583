/** The companies of one environment, shared by every route (the `companies` / `Company` rows derive from it). */
export interface CompanyInfo {
  readonly id: string;
  readonly name: string;
  readonly displayName: string;
  readonly businessProfileId: string;
}

export class CompanyDirectory {
  private readonly companies: CompanyInfo[];
  constructor(companies: readonly CompanyInfo[]) {
    this.companies = [...companies];
  }
  all(): readonly CompanyInfo[] {
    return this.companies;
  }
  byId(id: string): CompanyInfo | undefined {
    const lower = id.toLowerCase();
    return this.companies.find((c) => c.id === lower);
  }
  /** Company names are case-sensitive in BC (§2.2). */
  byName(name: string): CompanyInfo | undefined {
    return this.companies.find((c) => c.name === name);
  }
  /** `?company=` takes an id or a name (§2.1). */
  byIdOrName(value: string): CompanyInfo | undefined {
    return this.byId(value) ?? this.byName(value);
  }
}
