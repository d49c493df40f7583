import type { CsdlOperation } from "../csdl/csdl-document.js";
import type { EdmOperation } from "./edm-model.js";
import type { TypeResolver } from "./type-resolver.js";

/** One action or function; the binding parameter (first, when bound) is left out of `parameters`. */
export function buildOperation(operation: CsdlOperation, wireName: string, memberName: string, resolver: TypeResolver, at: string): EdmOperation {
  const parameters = operation.isBound ? operation.parameters.slice(1) : operation.parameters;
  return {
    kind: operation.kind,
    wireName,
    memberName,
    parameters: parameters.map((p) => ({ wireName: p.name, ...resolver.resolve(p.type, `${at}/Parameter[${p.name}]`), nullable: p.nullable })),
    returns: operation.returnType
      ? { ...resolver.resolve(operation.returnType.type, `${at}/ReturnType`), nullable: operation.returnType.nullable }
      : null,
  };
}
