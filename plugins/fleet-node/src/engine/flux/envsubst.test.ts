import { EnvsubstError, envsubst } from './envsubst';

const vars: Record<string, string> = {
  name: 'podinfo',
  replicas: '3',
  empty: '',
  Mixed: 'hello World',
  host: 'a.b.c',
};
const lookup = (n: string) => vars[n];

describe('envsubst', () => {
  it('replaces ${var} with its value', () => {
    expect(envsubst('app: ${name}, n: ${replicas}', lookup)).toBe(
      'app: podinfo, n: 3',
    );
  });

  it('reads an unset variable as the empty string (non-strict)', () => {
    expect(envsubst('[${missing}]', lookup)).toBe('[]');
  });

  it('uses the default of := and :- when the variable is unset or empty', () => {
    expect(envsubst('${missing:=a} ${empty:-b} ${name:=c}', lookup)).toBe(
      'a b podinfo',
    );
  });

  it('uses the default of = and - when the variable is empty, as drone/envsubst', () => {
    expect(envsubst('${missing=x} ${empty-y}', lookup)).toBe('x y');
  });

  it('evaluates variables nested in a default', () => {
    expect(envsubst('${missing:=${name}-x}', lookup)).toBe('podinfo-x');
  });

  it('turns $${var} into the literal ${var}', () => {
    expect(envsubst('keep $${name} but ${name}', lookup)).toBe(
      'keep ${name} but podinfo',
    );
  });

  it('leaves a lone $ and $var without braces alone', () => {
    expect(envsubst('cost $5 and $name', lookup)).toBe('cost $5 and $name');
  });

  it('applies case, length, substring and replacement operators', () => {
    expect(
      envsubst(
        '${Mixed^^} ${Mixed,,} ${name^} ${#name} ${name:1:3} ${name/pod/web} ${Mixed//l/L}',
        lookup,
      ),
    ).toBe('HELLO WORLD hello world Podinfo 7 odi webinfo heLLo WorLd');
  });

  it('removes prefixes and suffixes matching a pattern', () => {
    expect(
      envsubst(
        '${name#p*d} ${host#*.} ${host##*.} ${host%.*} ${host%%.*}',
        lookup,
      ),
    ).toBe('info b.c c a.b a');
  });

  it('rejects an unclosed expression', () => {
    expect(() => envsubst('x: ${name', lookup)).toThrow(EnvsubstError);
  });

  it('rejects an expression without a variable name', () => {
    expect(() => envsubst('x: ${}', lookup)).toThrow(EnvsubstError);
  });
});
