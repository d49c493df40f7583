import { seedGuid } from "./seed-guid.js";

/**
 * The deterministic demo data: one CRONUS-like company (US localization, like the "CRONUS USA, Inc."
 * evaluation company). All seed data lives in this file. Property names and enum values are the
 * API v2.0 ones; the seeder validates every value against the loaded $metadata.
 */
export interface SeedCompany {
  readonly id: string;
  readonly name: string;
  readonly displayName: string;
  readonly businessProfileId: string;
  /** Rows per entity set name; missing properties get BC's blank values. */
  readonly rows: Readonly<Record<string, readonly Readonly<Record<string, unknown>>[]>>;
}

export const cronusCompanyId = "5c2a4b1e-8d3f-4e6a-9b7c-1f0e2d3c4b5a";
const modified = "2026-01-15T09:30:00Z";

const currencies = [
  ["CAD", "Canadian dollar", "$"],
  ["EUR", "Euro", "€"],
  ["GBP", "Pound Sterling", "£"],
  ["MXN", "Mexican peso", "$"],
].map(([code, displayName, symbol]) => ({
  id: seedGuid(`currency:${code}`), code, displayName, symbol, amountDecimalPlaces: "2:2", amountRoundingPrecision: 0.01, lastModifiedDateTime: modified,
}));
const currencyId = (code: string): string => seedGuid(`currency:${code}`);

const paymentTerms = [
  ["1M(8D)", "1 Month/2% 8 days", "1M", "8D", 2],
  ["14 DAYS", "Net 14 days", "14D", "", 0],
  ["30 DAYS", "Net 30 days", "30D", "", 0],
  ["CM", "Current month", "CM", "", 0],
  ["COD", "Cash on delivery", "0D", "", 0],
].map(([code, displayName, due, discount, pct]) => ({
  id: seedGuid(`paymentTerm:${code}`), code, displayName, dueDateCalculation: due, discountDateCalculation: discount,
  discountPercent: pct, calculateDiscountOnCreditMemos: false, lastModifiedDateTime: modified,
}));
const termsId = (code: string): string => seedGuid(`paymentTerm:${code}`);

const unitsOfMeasure = [["PCS", "Piece"], ["BOX", "Box"], ["HOUR", "Hour"]].map(([code, displayName]) => ({
  id: seedGuid(`uom:${code}`), code, displayName, internationalStandardCode: code === "PCS" ? "EA" : code === "BOX" ? "BX" : "HUR", symbol: "", lastModifiedDateTime: modified,
}));

type CustomerRow = [number: string, name: string, address: string, city: string, state: string, zip: string, phone: string, email: string, terms: string, credit: number, balance: number, currency: string];
const customerRows: CustomerRow[] = [
  ["10000", "Adatum Corporation", "192 Market Square", "Atlanta", "GA", "31772", "555-0101", "robert.townes@contoso.com", "30 DAYS", 0, 1499.03, ""],
  ["20000", "Trey Research", "153 Thomas Drive", "Chicago", "IL", "61236", "555-0102", "helen.ray@contoso.com", "14 DAYS", 0, 0, ""],
  ["30000", "School of Fine Art", "10 High Tower Green", "Miami", "FL", "37125", "555-0103", "meagan.bond@contoso.com", "1M(8D)", 0, 4316.92, ""],
  ["40000", "Alpine Ski House", "10 Deerfield Road", "Montreal", "QC", "H3B 4W8", "555-0104", "ian.deberry@contoso.com", "14 DAYS", 0, 0, "CAD"],
  ["50000", "Relecloud", "25 Water Way", "Atlanta", "GA", "31772", "555-0105", "jesse.homer@contoso.com", "1M(8D)", 0, 222241.32, ""],
];
const customers = customerRows.map(([number, displayName, addressLine1, city, state, postalCode, phoneNumber, email, terms, creditLimit, balanceDue, currency]) => ({
  id: seedGuid(`customer:${number}`), number, displayName, type: "Company", addressLine1, addressLine2: "", city, state,
  country: currency === "CAD" ? "CA" : "US", postalCode, phoneNumber, email, website: "", salespersonCode: "JO",
  balanceDue, creditLimit, taxLiable: true, taxAreaId: seedGuid(`taxArea:${state}`), taxAreaDisplayName: state, taxRegistrationNumber: "",
  currencyId: currency ? currencyId(currency) : "00000000-0000-0000-0000-000000000000", currencyCode: currency,
  paymentTermsId: termsId(terms), blocked: "_x0020_", lastModifiedDateTime: modified,
}));
const customerById = new Map(customerRows.map((r, i) => [r[0], customers[i]!]));

const vendors = [
  ["10000", "Fabrikam, Inc.", "51 Radcroft Road", "Atlanta", "GA", "31772", "555-0201", "14 DAYS", 24580.52],
  ["20000", "First Up Consultants", "100 Day Drive", "Chicago", "IL", "61236", "555-0202", "30 DAYS", 0],
  ["30000", "Graphic Design Institute", "2 Bridge Street", "Miami", "FL", "37125", "555-0203", "1M(8D)", 7812],
  ["40000", "Wide World Importers", "7 Jade Street", "Atlanta", "GA", "31772", "555-0204", "30 DAYS", 0],
  ["50000", "Nod Publishers", "10 Albert Place", "Chicago", "IL", "61236", "555-0205", "CM", 1250.5],
].map(([number, displayName, addressLine1, city, state, postalCode, phoneNumber, terms, balance]) => ({
  id: seedGuid(`vendor:${number}`), number, displayName, addressLine1, addressLine2: "", city, state, country: "US", postalCode,
  phoneNumber, email: "", website: "", taxRegistrationNumber: "", currencyCode: "", irs1099Code: "",
  paymentTermsId: termsId(String(terms)), taxLiable: true, blocked: "_x0020_", balance, lastModifiedDateTime: modified,
}));

type ItemRow = [number: string, name: string, price: number, cost: number, inventory: number];
const itemRows: ItemRow[] = [
  ["1896-S", "ATHENS Desk", 1000.8, 780.7, 12],
  ["1900-S", "PARIS Guest Chair, black", 192.8, 150.4, 36],
  ["1906-S", "ATHENS Mobile Pedestal", 281.4, 219.5, 8],
  ["1908-S", "LONDON Swivel Chair, blue", 190.1, 148.3, 24],
  ["1920-S", "ANTWERP Conference Table", 649.4, 506.6, 5],
  ["1928-S", "AMSTERDAM Lamp", 54.9, 42.8, 60],
  ["1936-S", "BERLIN Guest Chair, yellow", 192.8, 150.4, 18],
  ["1960-S", "ROME Guest Chair, green", 192.8, 150.4, 0],
  ["1964-S", "TOKYO Guest Chair, blue", 192.8, 150.4, 30],
  ["1968-S", "MEXICO Swivel Chair, black", 190.1, 148.3, 14],
];
const items = itemRows.map(([number, displayName, unitPrice, unitCost, inventory]) => ({
  id: seedGuid(`item:${number}`), number, displayName, displayName2: "", type: "Inventory", itemCategoryCode: "FURNITURE",
  itemCategoryId: seedGuid("itemCategory:FURNITURE"), blocked: false, gtin: "", inventory, unitPrice, priceIncludesTax: false, unitCost,
  taxGroupCode: "FURNITURE", taxGroupId: seedGuid("taxGroup:FURNITURE"), baseUnitOfMeasureId: seedGuid("uom:PCS"), baseUnitOfMeasureCode: "PCS",
  generalProductPostingGroupCode: "RETAIL", generalProductPostingGroupId: seedGuid("genProdPostingGroup:RETAIL"),
  inventoryPostingGroupCode: "RESALE", inventoryPostingGroupId: seedGuid("invPostingGroup:RESALE"), lastModifiedDateTime: modified,
}));
const itemByNumber = new Map(itemRows.map((r, i) => [r[0], { row: r, item: items[i]! }]));

const taxPercent = 6;
const round2 = (n: number): number => Math.round(n * 100) / 100;

/** Lines with consistent amounts; document totals are summed from them. */
function documentLines(documentLabel: string, documentId: string, lines: readonly [string, number][], extra: (q: number) => Record<string, unknown>) {
  return lines.map(([itemNumber, quantity], i) => {
    const { row, item } = itemByNumber.get(itemNumber)!;
    const net = round2(quantity * row[2]);
    const tax = round2((net * taxPercent) / 100);
    return {
      id: seedGuid(`${documentLabel}:line:${i}`), documentId, sequence: (i + 1) * 10000, itemId: item.id, lineType: "Item", lineObjectNumber: itemNumber,
      description: row[1], unitOfMeasureId: seedGuid("uom:PCS"), unitOfMeasureCode: "PCS", quantity, unitPrice: row[2], discountAmount: 0, discountPercent: 0,
      discountAppliedBeforeTax: false, amountExcludingTax: net, taxCode: "FURNITURE", taxPercent, totalTaxAmount: tax, amountIncludingTax: round2(net + tax),
      invoiceDiscountAllocation: 0, netAmount: net, netTaxAmount: tax, netAmountIncludingTax: round2(net + tax), shipmentDate: "2026-01-20", ...extra(quantity),
    };
  });
}

function header(customerNumber: string, lines: readonly { amountExcludingTax: number; totalTaxAmount: number }[]) {
  const c = customerById.get(customerNumber)!;
  const net = round2(lines.reduce((s, l) => s + l.amountExcludingTax, 0));
  const tax = round2(lines.reduce((s, l) => s + l.totalTaxAmount, 0));
  return {
    customerId: c.id, customerNumber: c.number, customerName: c.displayName, billToName: c.displayName, billToCustomerId: c.id, billToCustomerNumber: c.number,
    shipToName: c.displayName, sellToAddressLine1: c.addressLine1, sellToCity: c.city, sellToCountry: c.country, sellToState: c.state, sellToPostCode: c.postalCode,
    billToAddressLine1: c.addressLine1, billToCity: c.city, billToCountry: c.country, billToState: c.state, billToPostCode: c.postalCode,
    shipToAddressLine1: c.addressLine1, shipToCity: c.city, shipToCountry: c.country, shipToState: c.state, shipToPostCode: c.postalCode,
    currencyId: c.currencyId, currencyCode: c.currencyCode, paymentTermsId: c.paymentTermsId, salesperson: "JO", pricesIncludeTax: false,
    discountAmount: 0, discountAppliedBeforeTax: false, totalAmountExcludingTax: net, totalTaxAmount: tax, totalAmountIncludingTax: round2(net + tax),
    phoneNumber: c.phoneNumber, email: c.email, lastModifiedDateTime: modified,
  };
}

const orderSpecs: [number: string, customer: string, date: string, lines: [string, number][]][] = [
  ["101001", "10000", "2026-01-12", [["1896-S", 2], ["1900-S", 8]]],
  ["101002", "20000", "2026-01-13", [["1908-S", 4]]],
  ["101003", "30000", "2026-01-14", [["1920-S", 1], ["1928-S", 6], ["1936-S", 6]]],
  ["101004", "50000", "2026-01-15", [["1964-S", 12]]],
];
const salesOrderLines = orderSpecs.flatMap(([number, , , lines]) =>
  documentLines(`salesOrder:${number}`, seedGuid(`salesOrder:${number}`), lines, (q) => ({ shippedQuantity: 0, invoicedQuantity: 0, invoiceQuantity: q, shipQuantity: q })),
);
const salesOrders = orderSpecs.map(([number, customer, date]) => {
  const id = seedGuid(`salesOrder:${number}`);
  return {
    id, number, externalDocumentNumber: "", orderDate: date, postingDate: date, requestedDeliveryDate: "0001-01-01", partialShipping: true,
    fullyShipped: false, status: "Open", ...header(customer, salesOrderLines.filter((l) => l.documentId === id)),
  };
});

const invoiceSpecs: [number: string, customer: string, date: string, status: string, lines: [string, number][]][] = [
  ["103001", "10000", "2025-12-10", "Paid", [["1906-S", 1], ["1928-S", 4]]],
  ["103002", "30000", "2025-12-18", "Open", [["1920-S", 2], ["1960-S", 10]]],
  ["103003", "50000", "2026-01-05", "Open", [["1968-S", 20]]],
  ["S-INV-1001", "20000", "2026-01-16", "Draft", [["1900-S", 3]]],
];
const salesInvoiceLines = invoiceSpecs.flatMap(([number, , , , lines]) => documentLines(`salesInvoice:${number}`, seedGuid(`salesInvoice:${number}`), lines, () => ({})));
const salesInvoices = invoiceSpecs.map(([number, customer, date, status]) => {
  const id = seedGuid(`salesInvoice:${number}`);
  const h = header(customer, salesInvoiceLines.filter((l) => l.documentId === id));
  return {
    id, number, externalDocumentNumber: "", invoiceDate: date, postingDate: date, dueDate: date, promisedPayDate: "0001-01-01", customerPurchaseOrderReference: "",
    status, remainingAmount: status === "Paid" || status === "Draft" ? 0 : h.totalAmountIncludingTax, ...h,
  };
});

// Automation API rows (api/microsoft/automation/v2.0): the tenant's users, permission sets and apps.
const users = [
  ["admin@cronus-demo.onmicrosoft.com", "Demo Admin"],
  ["BCTS DEMO APP", "bcts demo app (service principal)"],
].map(([userName, displayName]) => ({ userSecurityId: seedGuid(`user:${userName}`), userName, displayName, state: "Enabled", expiryDate: "0001-01-01T00:00:00Z" }));
const permissionSets = [
  ["D365 AUTOMATION", "Dynamics 365 Automation"],
  ["D365 BUS FULL ACCESS", "Dynamics 365 Full access"],
  ["EXTEN. MGT. - ADMIN", "Extension Management - Admin"],
].map(([id, displayName]) => ({ scope: "System", appID: "437dbf0e-84ff-417a-965d-ed2bb9650972", id, displayName, extensionName: "Base Application" }));
const extensions = [
  ["437dbf0e-84ff-417a-965d-ed2bb9650972", "Base Application", true],
  ["63ca2fa4-4f03-4f2b-a480-172fef340d3f", "System Application", true],
  ["f3552374-a1f2-4356-848e-196002525837", "Business Foundation", true],
  ["3d5b2137-efeb-4014-8489-41d37f8fd4c3", "Late Payment Prediction", false],
].map(([id, displayName, isInstalled]) => ({
  id, packageId: seedGuid(`package:${String(id)}`), displayName, publisher: "Microsoft", versionMajor: 27, versionMinor: 0, versionBuild: 38460, versionRevision: 41286,
  isInstalled, publishedAs: "Global",
}));
const userGroups = [["D365 BUS FULL ACCESS", "Dynamics 365 Business Full Access", "BUSINESS MANAGER"]].map(([code, displayName, defaultProfileID]) => ({ code, displayName, defaultProfileID, assignToAllNewUsers: false }));

export const cronusSeed: readonly SeedCompany[] = [
  {
    id: cronusCompanyId,
    name: "CRONUS USA, Inc.",
    displayName: "CRONUS USA, Inc.",
    businessProfileId: "",
    rows: {
      currencies, paymentTerms, unitsOfMeasure, customers, vendors, items, salesOrders, salesOrderLines, salesInvoices, salesInvoiceLines,
      automationCompanies: [{ id: cronusCompanyId, name: "CRONUS USA, Inc.", evaluationCompany: true, displayName: "CRONUS USA, Inc.", businessProfileId: "" }],
      users, permissionSets, extensions, userGroups,
    },
  },
];
