import { describe, expect, it } from "vitest";
import { createPagedIterator, type Page } from "../src/client/paged-iterator.js";

/** Pages keyed by continuation token ("" = first), recording each fetch. */
function source(pages: Record<string, { value: number[]; next?: string }>) {
  const fetched: Array<[string | undefined, number | undefined]> = [];
  const fetchPage = async (token: string | undefined, maxPageSize: number | undefined): Promise<Page<number>> => {
    fetched.push([token, maxPageSize]);
    const page = pages[token ?? ""]!;
    return { value: page.value, continuationToken: page.next, count: undefined, response: { method: "GET", url: token ?? "first", status: 200, headers: new Headers(), nextLink: page.next } };
  };
  return { fetched, fetchPage };
}

describe("paged iterator", () => {
  const pages = { "": { value: [1, 2], next: "t1" }, t1: { value: [], next: "t2" }, t2: { value: [3], next: undefined } };

  it("yields every item across pages, skipping empty pages, fetching lazily", async () => {
    const { fetched, fetchPage } = source(pages);
    const it = createPagedIterator(fetchPage, 50);
    expect(fetched).toEqual([]);
    const items: number[] = [];
    for await (const n of it) items.push(n);
    expect(items).toEqual([1, 2, 3]);
    expect(fetched).toEqual([[undefined, 50], ["t1", 50], ["t2", 50]]);
  });

  it("stops fetching when the loop breaks", async () => {
    const { fetched, fetchPage } = source(pages);
    for await (const n of createPagedIterator(fetchPage, undefined)) if (n === 1) break;
    expect(fetched).toHaveLength(1);
  });

  it("byPage resumes from a token and overrides the page size", async () => {
    const { fetched, fetchPage } = source(pages);
    const seen: number[][] = [];
    for await (const page of createPagedIterator(fetchPage, 50).byPage({ continuationToken: "t1", maxPageSize: 7 })) seen.push([...page.value]);
    expect(seen).toEqual([[], [3]]);
    expect(fetched).toEqual([["t1", 7], ["t2", 7]]);
  });
});
