/** Where a consumer program sends its five queries (the same for every tool). */
export interface ConsumerTarget {
  /** e.g. http://127.0.0.1:PORT/v2.0/{tenant}/{environment}/api/v2.0 */
  readonly serviceRoot: string;
  readonly companyId: string;
  readonly customerId: string;
  readonly token: string;
}

/** The five queries every consumer implements; each resolves to the number of rows it read. */
export interface FiveQueries {
  /** GET companies */
  listCompanies(): Promise<number>;
  /** GET companies(id)/customers?$select=id,number,displayName&$filter=startswith(displayName,'A') */
  customersSelectFilter(): Promise<number>;
  /** GET companies(id)/customers(id) */
  customerById(): Promise<number>;
  /** GET companies(id)/items?$orderby=displayName&$top=5 */
  itemsOrderByTop(): Promise<number>;
  /** GET companies(id)/salesOrders?$expand=salesOrderLines */
  salesOrdersWithLines(): Promise<number>;
}
