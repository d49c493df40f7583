import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { expect, it } from "vitest";
import { REPEATED, xmlTree } from "../src/csdl/parse-csdl.js";
import { scanXml } from "../src/csdl/scan-xml.js";
import { edmx } from "./edmx.js";
import { fixturesDir } from "./golden-cases.js";

// scanXml must give fast-xml-parser's tree, or step aside (undefined) and let it decide.
const fixtures = readdirSync(fixturesDir).filter((f) => f.endsWith(".xml")).map((f) => readFileSync(join(fixturesDir, f), "utf8"));
const viaParser = (xml: string): unknown => {
  try {
    return xmlTree(xml, "t.xml", { scanner: false });
  } catch (error) {
    return { refused: (error as Error).message };
  }
};

it("reads every fixture itself, into the tree fast-xml-parser builds", () => {
  for (const xml of fixtures) {
    const scanned = scanXml(xml, REPEATED);
    expect(scanned).toBeDefined();
    expect(scanned).toEqual(viaParser(xml));
  }
});

it("gives fast-xml-parser's tree or steps aside on small and hostile documents", () => {
  const cases = [
    `<a b=" x ">\r\n y \r\n</a>`, `<a><b>1</b><b>2</b><Schema/></a>`, `<a:b xmlns:a="u" a:c="1" d='2'/>`, `<a b="1" b="2"/>`, `<a b="1"c="2"/>`,
    `<a><b/>t</a>`, `<a>t<b/></a>`, `<a><!-- c --></a>`, `<a><![CDATA[x]]></a>`, `<a/><b/>`, `<a>`, `</a>`, `<a></b>`, `<a></a >`, `<a></a\u00a0>`,
    `\ufeff<a/>`, `<a>\u00a0</a>`, `<a><b/>\u00a0</a>`, `<?xml version="1.0"?><a/>`, `<?xml-stylesheet href="x"?><a/>`, `<a b="x < y"/>`, `<a b="x > y">a > b</a>`,
    `<a __proto__="1"/>`, `<__proto__/>`, `<a><__proto__/></a>`, `<a:b:c/>`, `<:a/>`, `<a b:="1"/>`, `<a>&amp;&#233;&bad;</a>`, `<a b="&quot;"/>`, `<a/ >`, `<a b=1/>`,
    `<a\n b="1"\n/>`, `<a b="1"\n>\n</a>`, `<a><b c="1">t</b><b>u</b></a>`, `<a>x</a>trailing`, ` \n<a/>\n `, `<a b='"'/>`, `<a b="'"/>`,
  ];
  for (const xml of cases) {
    const scanned = scanXml(xml, REPEATED);
    if (scanned !== undefined) expect(scanned, JSON.stringify(xml)).toEqual(viaParser(xml));
  }
});

it("on fixtures cut, spliced and sprinkled with markup, gives the same tree or steps aside", () => {
  // complete small documents: the first entity type, enum and annotation block of each fixture
  const small = fixtures.flatMap((xml) => [/<EntityType[\s\S]*?<\/EntityType>/, /<EnumType[\s\S]*?<\/EnumType>/, /<Annotations[\s\S]*?<\/Annotations>/]
    .map((pattern) => pattern.exec(xml)?.[0])
    .filter((body): body is string => body !== undefined)
    .map((body) => edmx(body)));
  let compared = 0;
  const piece = fc.constantFrom("<", ">", "/", "/>", "</", '"', "'", "=", " ", "\n", "\r\n", "\t", ":", "&", "&amp;", "<!--", "-->", "<a>", "</a>", "<![CDATA[", "]]>", "<?", "?>", "x", "é", "\u00a0", "\ufeff", "xmlns:y=\"u\"", 'Name="n"');
  fc.assert(
    fc.property(fc.nat(small.length - 1), fc.array(fc.tuple(fc.nat(), piece), { maxLength: 4 }), fc.nat(), fc.nat(), (which, inserts, cutFrom, cutTo) => {
      let xml = small[which]!;
      for (const [at, text] of inserts) xml = xml.slice(0, at % (xml.length + 1)) + text + xml.slice(at % (xml.length + 1));
      if (cutTo % 3 === 0) xml = xml.slice(0, cutFrom % (xml.length + 1));
      const scanned = scanXml(xml, REPEATED);
      if (scanned === undefined) return;
      compared++;
      expect(scanned).toEqual(viaParser(xml));
    }),
    { numRuns: 3000, seed: 20261206 },
  );
  // a good share of the mutants are still plain XML, so the comparison above really ran
  expect(compared).toBeGreaterThan(300);
});
