import type { FleetSourceRef } from '@flux-fleet/backstage-plugin-fleet-common';

/** The tag (or digest) of an image reference: `ghcr.io/x/podinfo:6.9.0` → `6.9.0`. */
export function imageTag(image: string): string {
  const at = image.indexOf('@');
  if (at >= 0) return image.slice(at + 1, at + 20);
  const name = image.slice(image.lastIndexOf('/') + 1);
  const colon = name.lastIndexOf(':');
  return colon >= 0 ? name.slice(colon + 1) : 'latest';
}

/** The image without registry and tag: `ghcr.io/x/podinfo:6.9.0` → `podinfo`. */
export function imageName(image: string): string {
  const name = image.split('@')[0].slice(image.lastIndexOf('/') + 1);
  const colon = name.lastIndexOf(':');
  return colon >= 0 ? name.slice(0, colon) : name;
}

/**
 * How a cluster enters a definition, in words: `apps/podinfo/base` → `base`,
 * `apps/podinfo/overlays/prod` → `overlay prod`; anything else is the path.
 */
export function entryLabel(
  entry: string | undefined,
  unitId?: string | null,
): string {
  if (!entry) return '—';
  const rel =
    unitId && entry.startsWith(`${unitId}/`)
      ? entry.slice(unitId.length + 1)
      : entry;
  if (rel === unitId || rel === '' || entry === unitId)
    return 'definition root';
  const overlay = /^overlays\/(.+)$/.exec(rel);
  if (overlay) return `overlay ${overlay[1]}`;
  return rel;
}

/** `file:line`. */
export function formatRef(ref: FleetSourceRef): string {
  return `${ref.file}:${ref.line}`;
}

/**
 * Link to a file and line on the repository host, from the status's
 * `repositoryUrl` (the page of the served revision). GitHub, GitLab and
 * Bitbucket all take `<tree url>/<path>` and redirect trees to blobs.
 */
export function fileUrl(
  repositoryUrl: string | null | undefined,
  ref: { file: string | null; line?: number | null },
): string | undefined {
  if (!repositoryUrl || !ref.file) return undefined;
  const line = ref.line ? `#L${ref.line}` : '';
  return `${repositoryUrl.replace(/\/$/, '')}/${ref.file}${line}`;
}

/** Name of the scaffolder template that promotes an app (examples/catalog/templates/promote-app.yaml). */
export const PROMOTE_TEMPLATE = 'promote-app';

/**
 * Link that opens the "Promote app" template with its form filled: the
 * scaffolder reads `?formData=<json>` into the form's initial state
 * (`useFormDataFromQuery` in @backstage/plugin-scaffolder-react).
 */
export function promoteUrl(app: string, to: string[]): string {
  const formData = JSON.stringify({ app, to });
  return `/create/templates/default/${PROMOTE_TEMPLATE}?formData=${encodeURIComponent(
    formData,
  )}`;
}

/** Values that are not the same on every cluster that has one: version skew. */
export function skewed<T>(values: (T | undefined)[]): boolean {
  const seen = new Set(
    values.filter(v => v !== undefined).map(v => JSON.stringify(v)),
  );
  return seen.size > 1;
}
