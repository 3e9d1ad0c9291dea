import type { KObject } from '../../core/types';
import type { Resource } from '../types';
import { parseLabelSelector } from './labelSelector';
import { compileTarget, matchesTarget, selectTargets } from './selectTargets';

const res = (object: KObject, prevIds: Resource['prevIds'] = []): Resource => ({
  object,
  prevIds,
  source: { file: 'r.yaml', line: 1 },
  via: [],
});

const web = res(
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'p-web',
      labels: { app: 'web', tier: 'front' },
      annotations: { team: 'a' },
    },
  },
  [
    {
      group: 'apps',
      version: 'v1',
      kind: 'Deployment',
      name: 'web',
      namespace: 'default',
    },
  ],
);
const ns = res({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'prod' },
});
const cm = res({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'cfg', namespace: 'prod' },
});

describe('matchesTarget', () => {
  it('anchors name regular expressions at both ends', () => {
    expect([
      matchesTarget(web, { name: 'web' }),
      matchesTarget(web, { name: 'p-w' }),
      matchesTarget(web, { name: 'p-.*' }),
    ]).toEqual([true, false, true]);
  });

  it('matches the original name as well as the current one', () => {
    expect(matchesTarget(web, { name: 'web', kind: 'Deployment' })).toBe(true);
  });

  it('matches group, version and kind against the current apiVersion', () => {
    expect([
      matchesTarget(web, { group: 'apps', version: 'v1', kind: 'Deployment' }),
      matchesTarget(web, { group: '', kind: 'Deployment' }),
      matchesTarget(web, { version: 'v1beta1' }),
    ]).toEqual([true, true, false]);
  });

  it('treats an unset namespace as default and never puts cluster-scoped kinds in one', () => {
    expect([
      matchesTarget(web, { namespace: 'default' }),
      matchesTarget(ns, { namespace: 'default' }),
      matchesTarget(cm, { namespace: 'prod' }),
    ]).toEqual([true, false, true]);
  });

  it('applies label and annotation selectors', () => {
    expect([
      matchesTarget(web, { labelSelector: 'app=web,tier in (front, back)' }),
      matchesTarget(web, { labelSelector: 'app!=web' }),
      matchesTarget(web, { annotationSelector: 'team' }),
      matchesTarget(cm, { labelSelector: '!app' }),
    ]).toEqual([true, false, true, true]);
  });

  it('selects nothing for an invalid target', () => {
    expect([
      matchesTarget(web, { name: '(' }),
      compileTarget({ labelSelector: 'a in ()' }),
    ]).toEqual([
      false,
      {
        error: 'invalid selector "a in ()": the values of a in cannot be empty',
      },
    ]);
  });
});

describe('selectTargets', () => {
  it('returns the selected resources in order', () => {
    expect(selectTargets([ns, web, cm], { version: 'v1' })).toEqual([
      ns,
      web,
      cm,
    ]);
  });
});

describe('parseLabelSelector', () => {
  it('supports every operator of Kubernetes selectors', () => {
    const m = parseLabelSelector(
      'a=1,b==2,c!=3,d in (x,y),e notin (z),f,!g,h>5,i<5',
    );
    if (typeof m !== 'function') throw new Error(m.error);
    const ok = {
      a: '1',
      b: '2',
      c: '4',
      d: 'y',
      e: 'q',
      f: '',
      h: '6',
      i: '4',
    };
    expect([m(ok), m({ ...ok, g: 'x' }), m({ ...ok, h: '5' })]).toEqual([
      true,
      false,
      false,
    ]);
  });

  it('rejects a malformed selector', () => {
    expect(parseLabelSelector('a b')).toEqual({
      error: `invalid selector "a b": unknown operator 'b'`,
    });
  });
});
