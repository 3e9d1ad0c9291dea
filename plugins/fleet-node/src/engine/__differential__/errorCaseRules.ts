/*
 * The rule id each error case must be reported with. kubectl refuses every
 * one of these trees; reporting any error is not enough, the engine must
 * name the reason kustomize fails for.
 */

/** error-cases/<dir> → the rule of the error problem the engine must report. */
export const ERROR_CASE_RULES: Readonly<Record<string, string>> = {
  'e01-replicas-no-match': 'kustomize-transform',
  'e02-parent-directory-cycle': 'cycle',
  'e03-missing-resource-file': 'missing-path',
  'e04-duplicate-object': 'duplicate-object',
  'e05-cycle': 'cycle',
  'e06-component-in-resources': 'component-as-resource',
  'e07-strategic-merge-patch-no-match': 'patch-no-target',
  'e08-malformed-yaml': 'yaml-parse',
  'e09-two-kustomization-files': 'multiple-kustomizations',
  'e10-generator-merge-without-base': 'generator',
  'e11-replacement-source-missing': 'kustomize-transform',
  'e12-json6902-remove-missing-path': 'patch-failed',
  'e13-directory-without-kustomization': 'missing-kustomization',
  'e14-unknown-field': 'unknown-field',
  'e15-helm-charts': 'unsupported-field',
  'e16-resource-without-kind': 'not-k8s-object',
  'e17-patch-file-missing': 'missing-path',
  'e18-generator-file-missing': 'missing-path',
  'e19-generator-create-over-base': 'generator',
  'e20-malformed-kustomization-file': 'yaml-parse',
  'e21-json6902-test-op-fails': 'patch-failed',
  'e22-replacement-target-path-missing': 'kustomize-transform',
  'e23-resource-is-kustomization-kind-file': 'not-k8s-object',
  'e24-vars-objref-matches-nothing': 'kustomize-transform',
  'e25-vars-ambiguous-objref': 'kustomize-transform',
  'e26-vars-declared-twice': 'kustomize-transform',
  'e27-vars-field-missing': 'kustomize-transform',
  'e28-configurations-conflicting-fieldspecs': 'kustomize-transform',
};

/**
 * unsupported-cases/<dir> → the kustomization field the engine does not
 * support yet. kubectl builds these trees; the engine must refuse them with
 * an `unsupported-field` error naming the field, never print other output
 * silently.
 */
export const UNSUPPORTED_CASE_FIELDS: Readonly<Record<string, string>> = {
  'u03-vars-fieldpath-list-index': 'vars',
};
