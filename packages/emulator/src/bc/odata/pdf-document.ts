import type { ContainedRecordRule } from "./contained-record.js";

/** `salesInvoices` → the parentType caption BC uses for its PDF (§5.5, pdfdocument_get). */
const parentTypes: Readonly<Record<string, string>> = {
  salesInvoices: "Sales Invoice",
  salesOrders: "Sales Order",
  salesQuotes: "Sales Quote",
  salesCreditMemos: "Sales Credit Memo",
  purchaseInvoices: "Purchase Invoice",
};

/** A one-page PDF naming the document; offsets in the xref table are computed, so readers accept it. */
export function renderPdf(title: string): Buffer {
  const text = title.replace(/[()\\]/g, "");
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let pdf = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, "latin1");
}

/**
 * BC renders `…/salesInvoices({id})/pdfDocument` on request: the emulator creates the pdfDocument
 * record the first time it is addressed, with a small PDF naming the document.
 */
export const pdfDocumentRule: ContainedRecordRule = {
  entityType: "Microsoft.NAV.pdfDocument",
  parentTypes,
  values: (parent, caption) => ({
    parentId: parent.values["id"],
    pdfDocumentContent: renderPdf(`${caption} ${String(parent.values["number"] ?? "")}`).toString("base64"),
  }),
};
