import type { Cds } from "./cds-types.js";

/**
 * Products whose strings and keys carry what URLs and JSON must survive: quotes, `%`, `&`, `#`, `+`,
 * `/`, `?`, spaces, non-Latin letters and an emoji (a UTF-16 surrogate pair); one row of nulls; an Int64 above 2^53.
 */
export const SEED_PRODUCTS = [
  { code: "P-1", name: "Plain widget", description: null, price: 10.5, stock: 5, bigNumber: "9007199254740993", rating: 4.5, active: true, releaseDate: "2024-01-31", releaseTime: "08:30:00", updatedAt: "2024-01-31T12:00:00Z", token: "5d115c9c-44e3-ea11-bb43-000d3a2feca1" },
  { code: "O'Neil & Co", name: "O'Neil's \"quoted\" gadget", description: "apostrophes and quotes", price: 20, stock: 0, bigNumber: 1, rating: 3, active: false, releaseDate: "2023-06-15", releaseTime: "17:45:10", updatedAt: "2023-06-15T09:30:00Z", token: "00000000-0000-0000-0000-000000000001" },
  { code: "50%/off?#1+2", name: "Percent 50% off & more #1 + 2 / 3?", description: "reserved URL characters", price: 0.99, stock: 100, bigNumber: -42, rating: 1.25, active: true, releaseDate: "2022-12-01", releaseTime: "00:00:00", updatedAt: "2022-12-01T00:00:00Z", token: "00000000-0000-0000-0000-000000000002" },
  { code: "Ünïcødé 日本 🚀", name: "Grüße aus Köln 日本語 🚀", description: "non-Latin and emoji", price: 1234.56, stock: 7, bigNumber: 0, rating: 0, active: true, releaseDate: "2025-02-28", releaseTime: "23:59:59", updatedAt: "2025-02-28T23:59:59Z", token: "00000000-0000-0000-0000-000000000003" },
  { code: "N-null", name: "Nulls everywhere", description: null, price: null, stock: null, bigNumber: null, rating: null, active: null, releaseDate: null, releaseTime: null, updatedAt: null, token: null },
  { code: "space key", name: "  leading and trailing spaces  ", description: "", price: 5, stock: 2, bigNumber: 7, rating: 2.5, active: false, releaseDate: "2024-07-04", releaseTime: "12:00:00", updatedAt: "2024-07-04T12:00:00Z", token: "00000000-0000-0000-0000-000000000004" },
] as const;

export const SEED_TRANSLATIONS = [
  { locale: "de-DE", term: "O'Brien & Söhne", text: "Firma" },
  { locale: "fr/FR", term: "50% #1", text: "cinquante" },
  { locale: "ja-JP", term: "日本 🚀", text: "ロケット" },
] as const;

export const SEED_EVENT_COUNT = 10;

export async function seedConformanceData(cds: Cds): Promise<void> {
  const { INSERT } = cds.ql;
  await cds.run(INSERT.into("conformance.Products").entries(SEED_PRODUCTS.map((p) => ({ ...p }))));
  await cds.run(INSERT.into("conformance.Translations").entries(SEED_TRANSLATIONS.map((t) => ({ ...t }))));
  await cds.run(INSERT.into("conformance.Events").entries(Array.from({ length: SEED_EVENT_COUNT }, (_, i) => ({ seq: i + 1, label: `event ${i + 1}` }))));
}
