/*
 * Objects as a YAML stream, byte for byte the way `kustomize build` prints
 * them (go-yaml v2 through sigs.k8s.io/yaml; see yaml/emitKyaml.ts).
 */
import type { KObject } from '../core/types';
import { emitKyamlStream } from '../yaml';

/**
 * `objects` as one YAML stream, identical to what `kubectl kustomize`
 * prints for the same objects: documents separated by `---`, keys in
 * go-yaml's order, YAML 1.1-sensitive strings quoted. Empty string for none.
 */
export function renderYamlStream(objects: KObject[]): string {
  return emitKyamlStream(objects);
}
