import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { smallFleetService } from './__fixtures__/smallFleet';
import { createRouteContext, LINK_TTL_MS } from './routeContext';

const podinfo: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'podinfo',
    annotations: { 'flux-fleet.io/app': 'podinfo' },
  },
};

function contextWith(getEntityByRef: jest.Mock) {
  return createRouteContext({
    fleet: smallFleetService(mockServices.logger.mock()),
    httpAuth: mockServices.httpAuth(),
    permissions: mockServices.permissions(),
    catalog: { getEntityByRef } as any,
  });
}

describe('entityLink', () => {
  afterEach(() => jest.restoreAllMocks());

  it('reads the catalog once per caller and entity within the TTL', async () => {
    const read = jest.fn(async () => podinfo);
    const ctx = contextWith(read);
    const user = mockCredentials.user();
    const ref = 'component:default/podinfo';
    expect((await ctx.entityLink(ref, user)).app).toBe('podinfo');
    await ctx.entityLink(ref, user);
    expect(read).toHaveBeenCalledTimes(1);
    // another caller may see another catalog: its own read
    await ctx.entityLink(ref, mockCredentials.user('user:default/other'));
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('after the TTL, answers from the last link while the catalog is read again', async () => {
    let answer: (e: Entity) => void = () => {};
    const read = jest
      .fn()
      .mockResolvedValueOnce(podinfo)
      .mockImplementationOnce(() => new Promise<Entity>(r => (answer = r)));
    const ctx = contextWith(read);
    const user = mockCredentials.user();
    const ref = 'component:default/podinfo';
    const t0 = Date.now();
    await ctx.entityLink(ref, user);
    jest.spyOn(Date, 'now').mockReturnValue(t0 + LINK_TTL_MS + 1);
    // the catalog has not answered the re-read: the last link serves
    expect((await ctx.entityLink(ref, user)).app).toBe('podinfo');
    expect((await ctx.entityLink(ref, user)).app).toBe('podinfo');
    expect(read).toHaveBeenCalledTimes(2);
    answer({
      ...podinfo,
      metadata: {
        ...podinfo.metadata,
        annotations: { 'flux-fleet.io/app': 'renamed' },
      },
    });
    await new Promise(r => setImmediate(r));
    expect((await ctx.entityLink(ref, user)).app).toBe('renamed');
  });

  it('forgets a failed read, so the next request hears the failure itself', async () => {
    const read = jest.fn(async () => undefined);
    const ctx = contextWith(read);
    const user = mockCredentials.user();
    await expect(
      ctx.entityLink('component:default/nope', user),
    ).rejects.toThrow(/No entity component:default\/nope/);
    await expect(
      ctx.entityLink('component:default/nope', user),
    ).rejects.toThrow();
    expect(read).toHaveBeenCalledTimes(2);
  });
});
