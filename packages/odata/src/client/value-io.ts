import type { EntityTypeDescriptor } from "../model/descriptors.js";

// The seams between the clients and a route's value codec. Without a codec (plain-JSON routes, the
// default) they are JSON.stringify and the identity, so those routes pay one property read.
// With a lossless codec (decimals or Int64 as strings) bodies are parsed and converted in one pass
// by `bodyParser`, and the `read…` seams have nothing left to do.

/** The `parse` of an `HttpCall` reading `type`'s bodies: set only when numbers must be read losslessly. */
export function bodyParser(type: EntityTypeDescriptor, shape: "entity" | "collection"): ((text: string) => unknown) | undefined {
  const codec = type.registry.codec;
  return codec?.parseAs === "text" ? (text) => codec.decode(text, type.name, shape) : undefined;
}

/** JSON text of a create or update body of `type`. */
export function writeEntity(type: EntityTypeDescriptor, body: object): string {
  const codec = type.registry.codec;
  return codec === undefined ? JSON.stringify(body) : codec.write(type.name, body);
}

/** One entity of `type` as the generated read type describes it. */
export function readEntity(type: EntityTypeDescriptor, data: unknown): unknown {
  const codec = type.registry.codec;
  return codec === undefined || codec.parseAs === "text" || data === undefined ? data : codec.read(type.name, data);
}

/** A collection answer of `type` with its `value` converted. */
export function readCollection(type: EntityTypeDescriptor, data: unknown): unknown {
  const codec = type.registry.codec;
  return codec === undefined || codec.parseAs === "text" || data === undefined ? data : codec.readCollection(type.name, data);
}
