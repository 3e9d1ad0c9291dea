/*
 * Reads `vars:` entries as kustomize's types.Var: a name, an objref (kind,
 * name, optional namespace; `apiVersion` split into group and version as
 * Target.GVK does, else the inline group/version) and a fieldref whose
 * fieldpath defaults to `metadata.name` (Var.Defaulting).
 */
import type { VarDecl } from '../types';
import { isRecord } from '../../core/records';

const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : undefined;

/**
 * The valid entries of a `vars:` list; an entry without a name, an objref
 * with a kind and a name, or with a fieldref that is not a mapping is
 * reported through `invalid` and dropped.
 */
export function readVars(
  entries: Record<string, unknown>[],
  invalid: (field: string, expected: string) => undefined,
): VarDecl[] {
  return entries.flatMap((v, i): VarDecl[] => {
    const objref = v.objref;
    const name = str(v.name);
    if (!name) return invalid(`vars.${i}.name`, 'a string') ?? [];
    if (
      !isRecord(objref) ||
      !str(objref.kind) ||
      typeof objref.name !== 'string'
    )
      return invalid(`vars.${i}.objref`, 'a kind and a name') ?? [];
    const fieldref = v.fieldref ?? {};
    if (!isRecord(fieldref))
      return invalid(`vars.${i}.fieldref`, 'a mapping') ?? [];
    let group = str(objref.group) ?? '';
    let version = str(objref.version) ?? '';
    const apiVersion = str(objref.apiVersion) ?? '';
    // as kustomize's Target.GVK: apiVersion, when set, gives group and version
    if (apiVersion) {
      const parts = apiVersion.split('/');
      if (parts.length === 2) [group, version] = parts;
      else if (parts.length === 1) version = parts[0];
    }
    const namespace = str(objref.namespace);
    return [
      {
        name,
        objref: {
          group,
          version,
          kind: objref.kind as string,
          name: objref.name,
          ...(namespace ? { namespace } : {}),
        },
        fieldPath: str(fieldref.fieldpath) || 'metadata.name',
      },
    ];
  });
}
