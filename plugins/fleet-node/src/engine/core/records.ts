/*
 * The one record test of the engine. Parsed YAML and JSON hold mappings as
 * plain objects, lists as arrays; kyaml calls a mapping a MappingNode and
 * apimachinery a map[string]interface{}; every stage asks the same question.
 */

/** True for a mapping (a plain object): not null, not a list, not a scalar. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
