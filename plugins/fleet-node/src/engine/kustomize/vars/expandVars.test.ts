import { expandVars, type VarValue } from './expandVars';

const vars = new Map<string, VarValue>([
  ['SVC', 'prod-backend'],
  ['PORT', 8080],
  ['ON', true],
  ['MAP', { a: 1 }],
]);

function expand(input: string) {
  const used = new Set<string>();
  return { value: expandVars(input, vars, used), used: [...used].sort() };
}

describe('expandVars', () => {
  it('replaces known references inside a string', () => {
    expect(expand('http://$(SVC):$(PORT)/x')).toEqual({
      value: 'http://prod-backend:8080/x',
      used: ['PORT', 'SVC'],
    });
  });

  it('keeps the value type when the string is exactly one reference', () => {
    expect(expand('$(PORT)').value).toBe(8080);
    expect(expand('$(ON)').value).toBe(true);
  });

  it('keeps unknown, incomplete and non-scalar references as written', () => {
    expect(expand('$(NOPE) $(MAP) $(SVC').value).toBe('$(NOPE) $(MAP) $(SVC');
    expect(expand('$(MAP)').used).toEqual(['MAP']);
  });

  it('reads $$ as an escaped $ and keeps a lone $ and a trailing $', () => {
    expect(expand('$$(SVC) $HOME a$').value).toBe('$(SVC) $HOME a$');
  });
});
