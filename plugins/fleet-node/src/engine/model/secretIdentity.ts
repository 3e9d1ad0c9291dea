/*
 * An object whose name or namespace kustomize (`replacements`, `vars`) or
 * Flux (`postBuild.substituteFrom`) wrote from Secret data. Its identity
 * is what every view shows first: the matrix row, the API's object ids and
 * URLs, the catalog entity, the CLI's `matrix`, `diff` and `check`, problem
 * messages. The object is still built and applied as Flux applies it
 * (`fleet build` prints kubectl's rendering, by contract), but wherever it
 * is shown its Secret-derived name or namespace is replaced by a
 * placeholder naming where the object is defined, and a
 * `secret-in-identity` problem says so. Labels and annotations are body
 * fields: they are redacted where the body is shown (secretPaths).
 */
import { redactedIdentity } from '@flux-fleet/backstage-plugin-fleet-common';
import type { SecretPath } from '@flux-fleet/backstage-plugin-fleet-common';
import type { Problem, SourceRef } from '../core/types';
import type { KObject } from '../core/types';

/**
 * What {@link shownIdentity} reads of an object (a model object is one).
 *
 * @public
 */
export interface IdentitySource {
  /** The rendered body, as kubectl renders it. */
  object: KObject;
  /** Where the object is defined: the placeholder names it. */
  source: SourceRef;
  /** The fields written from Secret data (kustomize's copies, Flux's substitution). */
  secretPaths?: SecretPath[];
}

/** Whether a recorded Secret copy covers `metadata.<field>` (or all of metadata). */
function copiedInto(o: IdentitySource, field: string): boolean {
  return (o.secretPaths ?? []).some(
    p =>
      p.length === 0 ||
      (p[0] === 'metadata' && (p.length === 1 || p[1] === field)),
  );
}

/**
 * The name and namespace of `o` as they may be shown: a field written from
 * Secret data becomes the placeholder of fleet-common's
 * `redactedIdentity` (`<redacted>@apps/x/all.yaml:12`), which no
 * Kubernetes name can be, so it neither collides with a real object nor
 * reveals anything of the value.
 *
 * @public
 */
export function shownIdentity(o: IdentitySource): {
  name: string;
  namespace: string | undefined;
} {
  const at = redactedIdentity(o.source.file, o.source.line);
  const meta = o.object.metadata;
  const namespace = meta?.namespace || undefined;
  return {
    name: copiedInto(o, 'name') ? at : meta?.name ?? '',
    namespace: namespace && copiedInto(o, 'namespace') ? at : namespace,
  };
}

const IDENTITY_FIELDS = ['name', 'namespace', 'labels', 'annotations'];

/**
 * One `secret-in-identity` error per object and field of its metadata
 * written from Secret data: an object's name, namespace, labels and
 * annotations are readable by anyone who may list it in the cluster, and
 * here by anyone who may read the fleet. The message names the object by
 * its shown identity only.
 */
export function checkSecretIdentity(
  objects: readonly (IdentitySource & { cluster: string })[],
): Problem[] {
  const problems: Problem[] = [];
  for (const o of objects) {
    if (!o.secretPaths?.length) continue;
    const fields = IDENTITY_FIELDS.filter(f => copiedInto(o, f));
    if (fields.length === 0) continue;
    const { name, namespace } = shownIdentity(o);
    problems.push({
      severity: 'error',
      rule: 'secret-in-identity',
      cluster: o.cluster,
      file: o.source.file,
      line: o.source.line,
      message: `A Secret value was copied into ${fields
        .map(f => `metadata.${f}`)
        .join(', ')} of ${o.object.kind} ${
        namespace ? `${namespace}/` : ''
      }${name} (defined at ${o.source.file}:${
        o.source.line
      }); it is not shown. Anyone who may list this object in the cluster can read it: copy Secret data into data fields only.`,
    });
  }
  return problems;
}
