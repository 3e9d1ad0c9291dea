import { parseDocument } from 'yaml';
import { goBlockScalars, goFoldedValue } from './goFolded';

describe('goFoldedValue', () => {
  // each expected value is what kubectl kustomize (v5.5.0) printed for the
  // folded scalar whose YAML 1.2 value is the input
  it('adds a line break before a more-indented line that follows a normal line', () => {
    expect(goFoldedValue('a\n  b\n  c\nd')).toBe('a\n\n  b\n  c\nd');
    expect(goFoldedValue('a\n\ttabbed\nc')).toBe('a\n\n\ttabbed\nc');
    expect(goFoldedValue('a\n  b\n')).toBe('a\n\n  b\n');
  });

  it('counts across empty lines, and only from a normal line', () => {
    expect(goFoldedValue('a\n\n  b\nc')).toBe('a\n\n\n  b\nc');
    expect(goFoldedValue('a\n  b\n\nc')).toBe('a\n\n  b\n\nc');
    expect(goFoldedValue('a\n  b\n\n\n  c\nd')).toBe('a\n\n  b\n\n\n  c\nd');
  });

  it('leaves values without more-indented lines alone', () => {
    expect(goFoldedValue('a b\nc\n')).toBe('a b\nc\n');
  });
});

describe('goBlockScalars', () => {
  // values kubectl kustomize (v5.5.0) gave: cases/74 and cases/75 of the differential suite
  const read = (text: string, folded: boolean) => {
    const doc = parseDocument(text);
    goBlockScalars(doc, text, folded);
    return doc.toJS();
  };

  it('ends a block scalar at the end of a text without a final line break without one', () => {
    expect(read('a: |\n  x\nb: |\n  y', false)).toEqual({ a: 'x\n', b: 'y' });
    expect(read('a: >\n  x\n    y', true)).toEqual({ a: 'x\n\n  y' });
  });

  it('folds more-indented lines as yaml.v3 only when asked', () => {
    expect(read('a: >-\n  x\n    y\n', true)).toEqual({ a: 'x\n\n  y' });
    expect(read('a: >-\n  x\n    y\n', false)).toEqual({ a: 'x\n  y' });
  });
});
