/*
 * kustomize's key/value loading for generators (api/kv): env files, then
 * literals, then files; keys are not validated (as kustomize v5.5) but may
 * not repeat.
 */
import type { GeneratorArgs, TransformContext } from './types';

/** One generated key and its value; `binary` when the content is not valid UTF-8 text. */
export interface KvPair {
  key: string;
  value: string;
  binary?: boolean;
}

/** kustomize's removeQuotes: drop one pair of matching surrounding quotes. */
function removeQuotes(s: string): string {
  if (s.length < 2 || s[0] !== s[s.length - 1]) return s;
  return s[0] === '"' || s[0] === "'" ? s.slice(1, -1) : s;
}

/** Parses an env file as kustomize: `#` comments and blank lines skipped, `KEY=value` split on the first `=`, no unquoting. */
export function parseEnvFile(text: string): KvPair[] {
  const out: KvPair[] = [];
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  lines.forEach((raw, i) => {
    let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (i === 0 && line.startsWith('\uFEFF')) line = line.slice(1);
    line = line.replace(/^\s+/, '');
    if (line === '' || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    // as kustomize v5: a line without `=` is a key with an empty value
    out.push(
      eq < 0
        ? { key: line, value: '' }
        : { key: line.slice(0, eq), value: line.slice(eq + 1) },
    );
  });
  return out;
}

/**
 * Loads an entry's pairs in kustomize's order (envs, literals, files),
 * reporting unreadable files, malformed literals and repeated keys
 * against `field`; pairs with problems are left out.
 */
export function loadPairs(
  args: GeneratorArgs,
  ctx: TransformContext,
  field: string,
  kind: string,
): KvPair[] {
  const line = ctx.lineOf(field);
  const report = (message: string, rule = 'generator') =>
    ctx.sink.report({
      severity: 'error',
      rule,
      file: ctx.kustFile,
      line,
      message,
    });
  const all: KvPair[] = [];
  for (const env of args.envs ?? []) {
    const text = ctx.readFile(env);
    if (text === undefined)
      report(`${field}: env file '${env}' does not exist`, 'missing-path');
    else all.push(...parseEnvFile(text));
  }
  for (const lit of args.literals ?? []) {
    const eq = lit.indexOf('=');
    if (eq <= 0)
      report(`${field}: invalid literal source '${lit}', expected key=value`);
    else
      all.push({
        key: lit.slice(0, eq),
        value: removeQuotes(lit.slice(eq + 1)),
      });
  }
  for (const f of args.files ?? []) {
    const text = ctx.readFile(f.path);
    if (text === undefined) {
      report(`${field}: file '${f.path}' does not exist`, 'missing-path');
    } else if (text.includes('\uFFFD')) {
      // the snapshot holds text, so the original bytes of a binary file are lost
      ctx.sink.report({
        severity: 'warning',
        rule: 'unsupported-field',
        file: ctx.kustFile,
        line,
        message: `${field}: file '${f.path}' is not valid UTF-8; kustomize would put its raw bytes in binaryData, which the engine cannot reproduce`,
      });
      all.push({ key: f.key, value: text, binary: true });
    } else {
      all.push({ key: f.key, value: text });
    }
  }
  const seen = new Set<string>();
  return all.filter(p => {
    if (seen.has(p.key)) {
      report(
        `${field}: ${kind.toLowerCase()} ${
          args.name ?? ''
        } illegally repeats the key \`${p.key}\``,
      );
      return false;
    }
    seen.add(p.key);
    return true;
  });
}
