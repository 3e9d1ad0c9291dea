/*
 * kustomize's var expansion (api/internal/accumulator/expansion, from
 * Kubernetes' third_party/forked/golang/expansion): `$(NAME)` is replaced
 * by the var's value, `$$` is an escaped `$`, an unknown or incomplete
 * reference is kept as written. A string that is exactly one reference takes
 * the value with its type (kustomize: "Preserve the type of variable").
 */

/** A var's value as kustomize's GetFieldValue returns it; maps and lists are never substituted. */
export type VarValue = string | number | boolean | object | null;

/** kustomize's MappingFuncFor: the value of a known var of a substitutable type, else undefined. */
function lookup(
  vars: Map<string, VarValue>,
  name: string,
): VarValue | undefined {
  if (!vars.has(name)) return undefined;
  const v = vars.get(name)!;
  return typeof v === 'object' ? undefined : v;
}

/** Go's fmt `%v` of a scalar var value. */
function show(v: VarValue): string {
  return String(v);
}

/**
 * Expands every `$(NAME)` of `input` from `vars`, as kustomize's
 * expansion.Expand. `used` receives every name found in `vars` (for
 * kustomize's "never replaced" log).
 */
export function expandVars(
  input: string,
  vars: Map<string, VarValue>,
  used: Set<string>,
): VarValue {
  let out = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] !== '$' || cursor + 1 >= input.length) continue;
    out += input.slice(checkpoint, cursor);
    const rest = input.slice(cursor + 1);
    let advance = 1;
    if (rest[0] === '$') {
      out += '$';
    } else if (rest[0] === '(') {
      const close = rest.indexOf(')', 1);
      if (close < 0) {
        out += '$(';
      } else {
        const name = rest.slice(1, close);
        advance = close + 1;
        const value = lookup(vars, name);
        if (vars.has(name)) used.add(name);
        const mapped = value === undefined ? `$(${name})` : value;
        if (input === `$(${name})`) return mapped;
        out += show(mapped);
      }
    } else {
      out += `$${rest[0]}`;
    }
    cursor += advance;
    checkpoint = cursor + 1;
  }
  return out + input.slice(checkpoint);
}
