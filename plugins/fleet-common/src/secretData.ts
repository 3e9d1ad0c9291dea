// a `kind: Secret` key in any quoting, then not a longer kind (SecretStore)
const SECRET_DATA =
  /["']?\bkind["']?\s*:\s*["']?Secret(?![\w-])|\bsecretGenerator\b|\bstringData["']?\s*:/;

/**
 * Whether a file's text may carry Secret values: a `Secret` object (in
 * block, flow or JSON style, the kind quoted or not), a kustomize
 * `secretGenerator`, or `stringData`. Promotion previews, diffs and pull
 * requests name such a file and withhold its content. A text test on
 * purpose: it must also hold for files that do not parse, and it errs on
 * the side of withholding (`SecretStore` and the like do not match).
 *
 * @public
 */
export function mayHoldSecretData(text: string): boolean {
  return SECRET_DATA.test(text);
}
