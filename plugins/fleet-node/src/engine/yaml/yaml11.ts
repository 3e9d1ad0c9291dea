/*
 * The YAML 1.1 dialect: kustomize reads JSON 6902 patches written in YAML
 * through sigs.k8s.io/yaml (YAMLToJSON, go-yaml v2), which resolves plain
 * scalars as YAML 1.1 does (`y`, `on`, `no` are booleans; `0755` is octal),
 * unlike yaml.v3 used for resources (see goScalars.ts).
 */
import { parseAllDocuments } from 'yaml';
import { goBlockScalars } from './goFolded';
import { goLineBreaks, goTabHazard } from './goLexical';
import { aliasHazard } from './yamlHazards';

/**
 * The first non-null document of `text` read as YAML 1.1, or undefined when
 * the text does not parse (any document with an error) or holds no value.
 */
export function firstYaml11Value(text: string): unknown {
  // go-yaml v2's line breaks and tab rules (goLexical.ts)
  const goText = goLineBreaks(text);
  if (goTabHazard(goText)) return undefined;
  try {
    for (const doc of parseAllDocuments(goText, { version: '1.1' })) {
      if (doc.errors.length > 0) return undefined;
      // an anchor holding itself expands forever (go-yaml v2 overflows its
      // stack), and one large anchor aliased many times expands quadratically
      if (aliasHazard(doc)) return undefined;
      // block scalars as go-yaml v2 reads them (goFolded.ts)
      goBlockScalars(doc, goText, false);
      const v = doc.toJS({ maxAliasCount: 100 });
      if (v !== null && v !== undefined) return v;
    }
  } catch {
    return undefined;
  }
  return undefined;
}
