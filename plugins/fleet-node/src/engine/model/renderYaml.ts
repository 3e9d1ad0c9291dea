/*
 * Objects as a YAML stream, the way `kustomize build` prints them: documents
 * separated by `---`, map keys sorted (kyaml marshals through JSON maps).
 */
import { stringify } from 'yaml';
import type { KObject } from '../core/types';

/** `objects` as one YAML stream (empty string for none). */
export function renderYamlStream(objects: KObject[]): string {
  return objects
    .map(o =>
      stringify(o, {
        sortMapEntries: true,
        lineWidth: 0,
        aliasDuplicateObjects: false,
      }),
    )
    .join('---\n');
}
