import { goTimestamp, resolveGoPlain } from './goScalars';

describe('resolveGoPlain', () => {
  it('resolves plain scalars as kustomize (yaml.v3 then JSON) does', () => {
    const input = [
      '~',
      'null',
      'Null',
      '',
      'True',
      'FALSE',
      'yes',
      'on',
      'Off',
      '0755',
      '0o17',
      '08',
      '007',
      '-12',
      '+12',
      '0x1F90',
      '0b101',
      '1_000',
      '0x_1F',
      '1e3',
      '1.50',
      '.5',
      '1.',
      '1e400',
      '-0',
      '12:30',
      '1.2.3',
      'v1',
      '2024-01-01',
      '-.inf',
    ];
    expect(input.map(resolveGoPlain)).toEqual([
      null,
      null,
      null,
      null,
      true,
      false,
      'yes',
      'on',
      'Off',
      493,
      15,
      8,
      7,
      -12,
      12,
      8080,
      5,
      1000,
      31,
      1000,
      1.5,
      0.5,
      1,
      '1e400',
      0,
      '12:30',
      '1.2.3',
      'v1',
      '2024-01-01T00:00:00Z',
      -Infinity,
    ]);
  });
});

describe('goTimestamp', () => {
  it('accepts yaml.v3 timestamp formats and prints them as Go time.Time JSON', () => {
    expect(
      [
        '2001-12-14 21:59:43.10',
        '2024-1-2T3:04:05Z',
        '2024-01-02t03:04:05.000+02:00',
        '2024-01-02T03:04:05+00:00',
        '2024-02-29',
      ].map(goTimestamp),
    ).toEqual([
      '2001-12-14T21:59:43.1Z',
      '2024-01-02T03:04:05Z',
      '2024-01-02T03:04:05+02:00',
      '2024-01-02T03:04:05Z',
      '2024-02-29T00:00:00Z',
    ]);
  });

  it('refuses impossible dates and other shapes, which stay strings', () => {
    expect(
      [
        '2024-13-01',
        '2023-02-29',
        '2024-01-01T03:04:05',
        '24-01-01',
        '2024-01-01 03:04:05Z',
      ].map(goTimestamp),
    ).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});
