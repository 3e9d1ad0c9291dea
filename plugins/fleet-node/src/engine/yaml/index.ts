/*
 * The engine's one entry point for reading YAML. Each dialect is named after
 * the upstream reader it mirrors, because kustomize and Flux read the same
 * text differently depending on where it appears:
 *
 * - resource documents (kustomize's resource factory over yaml.v3):
 *   `parseYamlDocuments`, bounded by `DEFAULT_YAML_LIMITS`;
 * - the fast reader for plain block YAML, `fastParseAll`, which returns
 *   undefined when the `yaml` package must decide (its fallback);
 * - yaml.v3's scalar resolution for the `yaml` package: `goCustomTags`,
 *   `resolveGoPlain`, `goTimestamp`;
 * - YAML 1.1 (sigs.k8s.io/yaml) for JSON 6902 patches: `firstYaml11Value`;
 * - and the one writer: `emitKyamlStream`, printing objects as kustomize
 *   does (go-yaml v2 through sigs.k8s.io/yaml JSONToYAML).
 *
 * Code outside this folder imports from here, never from its files.
 */
export type {
  FastDocument,
  FastParseOptions,
  ParsedYamlDocuments,
  YamlDoc,
  YamlLimits,
} from './types';
export { DEFAULT_YAML_LIMITS, parseYamlDocuments } from './yamlDocs';
export { fastParseAll } from './fastYaml';
export { goCustomTags, goTimestamp, resolveGoPlain } from './goScalars';
export { firstYaml11Value } from './yaml11';
export { emitKyamlDocument, emitKyamlStream } from './emitKyaml';
export { goFoldedValue } from './goFolded';
export {
  goLineBreaks,
  goTabHazard,
  quotedMergeKeyLine,
  type GoLexicalHazard,
} from './goLexical';
export {
  aliasHazard,
  isStackOverflowMessage,
  parseBounded,
  tooDeepMessage,
  type YamlHazard,
} from './yamlHazards';
