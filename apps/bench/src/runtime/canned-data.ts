/** Canned Business Central–shaped rows served by the bench server (same bytes for every client). */
export const ids = {
  company: "5d115c9c-44e3-ea11-bb43-000d3a2feca1",
  customer: "8a8a8a8a-0000-4000-8000-000000000001",
} as const;

const at = "2026-01-15T10:20:30.123Z";

export const company = {
  id: ids.company, systemVersion: "24.0.16410.18056", timestamp: 1234, name: "CRONUS USA, Inc.",
  displayName: "CRONUS USA, Inc.", businessProfileId: "", systemCreatedAt: at, systemCreatedBy: ids.customer,
  systemModifiedAt: at, systemModifiedBy: ids.customer,
};

export function customer(i: number): Record<string, unknown> {
  const id = i === 0 ? ids.customer : `8a8a8a8a-0000-4000-8000-${String(i + 1).padStart(12, "0")}`;
  return {
    "@odata.etag": `W/"JzE5OzEyMzQ1Njc4OTAxMjM0NTY3ODkwMTsxMDsn"`,
    id, number: String(10000 + i * 10), displayName: `Adatum ${i}`, type: "Company",
    addressLine1: "192 Market Square", addressLine2: "", city: "Atlanta", state: "GA", country: "US",
    postalCode: "31772", phoneNumber: "", email: "robert.townes@contoso.com", website: "", salespersonCode: "JR",
    balanceDue: 1499.03 + i, creditLimit: 0, taxLiable: true, taxAreaId: ids.customer, taxAreaDisplayName: "ATLANTA, GA",
    taxRegistrationNumber: "", currencyId: "00000000-0000-0000-0000-000000000000", currencyCode: "USD",
    paymentTermsId: ids.customer, shipmentMethodId: "00000000-0000-0000-0000-000000000000", paymentMethodId: ids.customer,
    blocked: "_x0020_", lastModifiedDateTime: at,
  };
}

export function item(i: number): Record<string, unknown> {
  return {
    "@odata.etag": `W/"JzE5OzEyMzQ1Njc4OTAxMjM0NTY3ODkwMTsxMDsn"`,
    id: `9b9b9b9b-0000-4000-8000-${String(i + 1).padStart(12, "0")}`, number: `1896-S${i}`, displayName: `ATHENS Desk ${i}`,
    displayName2: "", type: "Inventory", itemCategoryId: ids.customer, itemCategoryCode: "TABLE", blocked: false, gtin: "",
    inventory: 4, unitPrice: 1000.8, priceIncludesTax: false, unitCost: 780.7, taxGroupId: ids.customer, taxGroupCode: "FURNITURE",
    baseUnitOfMeasureId: ids.customer, baseUnitOfMeasureCode: "PCS", generalProductPostingGroupId: ids.customer,
    generalProductPostingGroupCode: "RETAIL", inventoryPostingGroupId: ids.customer, inventoryPostingGroupCode: "RESALE",
    lastModifiedDateTime: at,
  };
}

export function salesOrderLine(order: number, i: number): Record<string, unknown> {
  return {
    "@odata.etag": `W/"JzE5OzEyMzQ1Njc4OTAxMjM0NTY3ODkwMTsxMDsn"`,
    id: `7c7c7c7c-0000-4000-8000-${String(order * 100 + i + 1).padStart(12, "0")}`, documentId: ids.customer, sequence: (i + 1) * 10000,
    itemId: ids.customer, accountId: "00000000-0000-0000-0000-000000000000", lineType: "Item", lineObjectNumber: "1896-S",
    description: "ATHENS Desk", unitOfMeasureId: ids.customer, unitOfMeasureCode: "PCS", quantity: 2, unitPrice: 1000.8,
    discountAmount: 0, discountPercent: 0, discountAppliedBeforeTax: false, amountExcludingTax: 2001.6, taxCode: "FURNITURE",
    taxPercent: 6, totalTaxAmount: 120.1, amountIncludingTax: 2121.7, netAmount: 2001.6, netTaxAmount: 120.1,
    netAmountIncludingTax: 2121.7, shipmentDate: "2026-01-20", shippedQuantity: 0, invoicedQuantity: 0, invoiceQuantity: 2,
    shipQuantity: 2, itemVariantId: "00000000-0000-0000-0000-000000000000", locationId: "00000000-0000-0000-0000-000000000000",
  };
}

export function salesOrder(i: number): Record<string, unknown> {
  return {
    "@odata.etag": `W/"JzE5OzEyMzQ1Njc4OTAxMjM0NTY3ODkwMTsxMDsn"`,
    id: `6d6d6d6d-0000-4000-8000-${String(i + 1).padStart(12, "0")}`, number: `S-ORD${101001 + i}`, externalDocumentNumber: "",
    orderDate: "2026-01-15", postingDate: "2026-01-15", customerId: ids.customer, customerNumber: "10000", customerName: "Adatum",
    billToName: "Adatum", billToCustomerId: ids.customer, billToCustomerNumber: "10000", shipToName: "Adatum", shipToContact: "",
    currencyId: "00000000-0000-0000-0000-000000000000", currencyCode: "USD", pricesIncludeTax: false, paymentTermsId: ids.customer,
    shipmentMethodId: "00000000-0000-0000-0000-000000000000", salesperson: "JR", partialShipping: true, requestedDeliveryDate: "0001-01-01",
    discountAmount: 0, discountAppliedBeforeTax: false, totalAmountExcludingTax: 4003.2, totalTaxAmount: 240.2,
    totalAmountIncludingTax: 4243.4, fullyShipped: false, status: "Draft", lastModifiedDateTime: at, phoneNumber: "", email: "",
    salesOrderLines: [salesOrderLine(i, 0), salesOrderLine(i, 1)],
  };
}
