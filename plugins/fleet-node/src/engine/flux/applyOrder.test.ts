import { applyOrder } from './applyOrder';
import type { FluxKustomizationNode } from './resolveCluster';

const node = (
  id: string,
  parent: string | null,
  dependsOn: string[] = [],
): FluxKustomizationNode => ({
  id,
  parent,
  dependsOn,
  declaredAt: null,
  sourceRef: '',
  source: 'repository',
  path: null,
  applied: true,
});

describe('applyOrder', () => {
  it('puts parents and dependencies first, otherwise keeps declaration order', () => {
    expect(
      applyOrder([
        node('fs/root', null),
        node('fs/apps', 'fs/root', ['fs/infra']),
        node('fs/infra', 'fs/root'),
        node('fs/monitoring', 'fs/root'),
        node('fs/app-a', 'fs/apps'),
      ]),
    ).toEqual(['fs/root', 'fs/infra', 'fs/apps', 'fs/monitoring', 'fs/app-a']);
  });

  it('keeps declaration order for a dependency cycle and ignores missing dependencies', () => {
    expect(
      applyOrder([
        node('fs/root', null),
        node('fs/a', 'fs/root', ['fs/b', 'fs/missing']),
        node('fs/b', 'fs/root', ['fs/a']),
      ]),
    ).toEqual(['fs/root', 'fs/a', 'fs/b']);
  });
});
