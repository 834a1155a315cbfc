import type * as pkijs from "pkijs";
import { Name } from "./peculiar.js";

/** A distinguished name as text ("CN=Alice, O=Example"), for reports. */
export function formatName(name: pkijs.RelativeDistinguishedNames): string {
  try {
    return new Name(name.toSchema().toBER(false)).toString();
  } catch {
    return "(undecodable name)";
  }
}
