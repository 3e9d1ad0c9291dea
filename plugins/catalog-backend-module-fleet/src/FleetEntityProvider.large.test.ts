/*
 * The provider with models of thousands of entities: applied in parts the
 * catalog processes without one long task, and never twice for one model.
 * The model is built as a matrix by hand (namespaces on two clusters), the
 * shape the service hands over; only the parts the provider reads are set.
 */
import type { EntityProviderMutation } from '@backstage/plugin-catalog-node';
import { mockServices } from '@backstage/backend-test-utils';
import type {
  FleetService,
  FleetState,
} from '@flux-fleet/backstage-plugin-fleet-node';
import {
  groupFleetObjectsInSlices,
  toEntities,
  toEntitiesInSlices,
} from './toEntities';
import {
  FULL_MUTATION_MAX,
  FleetEntityProvider,
  MUTATION_CHUNK,
} from './FleetEntityProvider';

/** A state of `namespaces` namespaces on two clusters: namespaces + 2 entities. */
function stateOf(namespaces: number): FleetState {
  const objects = Array.from({ length: namespaces }, (_, n) => ({
    cluster: n % 2 ? 'b' : 'a',
    apiVersion: 'v1',
    kind: 'Namespace',
    namespace: null,
    name: `ns-${n}`,
    unit: null,
    fluxKustomization: 'flux-system/infra',
    source: { file: 'infrastructure/ns.yaml', line: n + 1 },
  }));
  const matrix = {
    revision: `rev-${namespaces}`,
    clusters: [
      { name: 'a', path: 'clusters/a' },
      { name: 'b', path: 'clusters/b' },
    ],
    objects,
    units: [],
    problems: [],
  };
  return {
    model: { revision: matrix.revision },
    matrix,
    revision: matrix.revision,
    refreshedAt: '2026-12-01T00:00:00.000Z',
    durationMs: 1,
  } as unknown as FleetState;
}

function connect(
  state: FleetState,
  previouslyEmitted?: () => Promise<string[]>,
) {
  const fleet = {
    getState: async () => state,
    subscribe: () => () => {},
  } as unknown as FleetService;
  const logger = mockServices.logger.mock();
  const provider = new FleetEntityProvider({
    id: 'default',
    fleet,
    logger,
    previouslyEmitted,
  });
  const mutations: EntityProviderMutation[] = [];
  const connection = {
    applyMutation: jest.fn(async (m: EntityProviderMutation) => {
      mutations.push(m);
    }),
    refresh: jest.fn(async () => {}),
  };
  return { provider, logger, mutations, connection };
}

const size = FULL_MUTATION_MAX + 2 * MUTATION_CHUNK + 1;

describe('FleetEntityProvider with a large fleet', () => {
  it(`applies a first model of more than ${FULL_MUTATION_MAX} entities in deltas of ${MUTATION_CHUNK}, removing only what an earlier run emitted and this model lacks`, async () => {
    const state = stateOf(size);
    const earlier = [
      'resource:default/gone',
      'resource:default/namespace-ns-7',
    ];
    const { provider, mutations, connection } = connect(
      state,
      async () => earlier,
    );
    await provider.connect(connection);
    await provider.read();
    expect(mutations.every(m => m.type === 'delta')).toBe(true);
    const deltas = mutations as Extract<
      EntityProviderMutation,
      { type: 'delta' }
    >[];
    expect(Math.max(...deltas.map(m => m.added.length))).toBe(MUTATION_CHUNK);
    expect(deltas).toHaveLength(Math.ceil((size + 2) / MUTATION_CHUNK));
    const added = deltas.flatMap(m => m.added.map(a => a.entity.metadata.name));
    expect(added).toHaveLength(size + 2);
    expect(new Set(added).size).toBe(size + 2);
    expect(added.slice(0, 3)).toEqual(['a', 'b', 'namespace-ns-0']);
    expect(deltas.flatMap(m => m.removed)).toEqual([
      {
        entityRef: 'resource:default/gone',
        locationKey: 'fleet-provider:default',
      },
    ]);
    expect(provider.getStatus()).toEqual({
      applied: size + 2,
      skipped: null,
      revision: state.revision,
    });
  });

  it('applies one full mutation when what an earlier run emitted cannot be read', async () => {
    const { provider, mutations, connection, logger } = connect(
      stateOf(size),
      async () => {
        throw new Error('no such table: refresh_state_references');
      },
    );
    await provider.connect(connection);
    await provider.read();
    expect(mutations.map(m => m.type)).toEqual(['full']);
    expect((mutations[0] as any).entities).toHaveLength(size + 2);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/no such table.*one full mutation/),
    );
  });

  it('applies a small first model as one full mutation, asking once for the earlier entities the removal guard compares with', async () => {
    // one of three gone: within the guard's share
    const earlier = jest.fn(async () => [
      'resource:default/a',
      'resource:default/b',
      'resource:default/gone',
    ]);
    const { provider, mutations, connection } = connect(stateOf(10), earlier);
    await provider.connect(connection);
    await provider.read();
    expect(mutations.map(m => m.type)).toEqual(['full']);
    expect(earlier).toHaveBeenCalledTimes(1);
  });

  it('refuses a first model that would remove most of what an earlier run emitted (a commit landed while the backend was down)', async () => {
    const earlier = Array.from(
      { length: 30 },
      (_, i) => `resource:default/earlier-${i}`,
    );
    const { provider, mutations, connection, logger } = connect(
      stateOf(10),
      async () => earlier,
    );
    await provider.connect(connection);
    await provider.read();
    expect(mutations).toEqual([]);
    expect(provider.getStatus()).toMatchObject({
      skipped: expect.stringMatching(
        /would remove 30 of 30 entities, more than fleet.catalog.maxRemovalShare \(0.5\)/,
      ),
    });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/keeping the entities applied last/),
    );
  });

  it('applies a model once when it is announced again, and lets requests run while it maps the entities', async () => {
    const state = stateOf(size);
    const { provider, mutations, connection } = connect(state, async () => []);
    await provider.connect(connection);
    let turns = 0;
    let counting = true;
    const count = () => {
      turns++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    await provider.read();
    counting = false;
    const first = mutations.length;
    // the slices of grouping, mapping and serializing each gave the loop a turn
    expect(turns).toBeGreaterThanOrEqual(Math.floor(size / 500) * 2);
    await provider.apply(state);
    await provider.apply({ ...state, lastError: { message: 'x', at: 'now' } });
    expect(mutations).toHaveLength(first);
    expect(connection.refresh).not.toHaveBeenCalled();
  });

  it('maps in slices exactly what toEntities maps, each entity counting the problems of its own files', async () => {
    const { matrix } = stateOf(1_200);
    const problem = (file: string | null) => ({
      severity: 'error',
      rule: 'missing-path',
      message: 'm',
      file,
      line: 1,
      cluster: 'a',
    });
    (matrix as any).objects[5].source.file = 'infrastructure/ns-5.yaml';
    (matrix as any).problems = [
      problem('infrastructure/ns-5.yaml'),
      problem('infrastructure/ns-5.yaml'),
      problem('infrastructure/ns.yaml'),
      problem(null),
    ];
    const options = {
      providerName: 'fleet-provider:default',
      owner: 'group:default/platform',
    };
    const sliced = await toEntitiesInSlices(
      matrix,
      options,
      await groupFleetObjectsInSlices(matrix),
    );
    expect(sliced).toEqual(toEntities(matrix, options));
    const problems = (name: string) =>
      sliced.find(e => e.metadata.name === name)!.metadata.annotations![
        'flux-fleet.io/problems'
      ];
    expect(problems('namespace-ns-5')).toBe('2');
    expect(problems('namespace-ns-6')).toBe('1');
    // per cluster: the four problems are all on cluster a
    expect(problems('a')).toBe('4');
    expect(problems('b')).toBe('0');
  });
});
