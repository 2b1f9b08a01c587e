// openapi-typescript's `transform` for enums the spec marks open (`x-open-enum: true`): their type is the known
// values plus `string & {}`, so a value the API adds later is still a string the app can hold and pass on, while
// editors keep offering the known ones. Closed enums stay exact unions.
import { STRING, tsIntersection, tsLiteral, tsUnion } from "openapi-typescript";
import ts from "typescript";

/** The type of an enum the schema marks open; undefined (openapi-typescript's own type) for any other schema. */
export function openEnum(schema: { enum?: unknown[]; "x-open-enum"?: boolean }): ts.TypeNode | undefined {
  if (schema["x-open-enum"] !== true || !Array.isArray(schema.enum)) return undefined;
  return tsUnion([
    ...schema.enum.map((value) => tsLiteral(value)),
    tsIntersection([STRING, ts.factory.createTypeLiteralNode([])]),
  ]);
}
