import { mockFleetApi } from '../../__fixtures__/mockFleetApi';
import { podinfoDeployments } from '../../__fixtures__/fleet';
import { entityDeployments } from './entityDeployments';

const component = (name: string, annotations: Record<string, string>) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, annotations },
  spec: {},
});

describe('entityDeployments', () => {
  const call = async (entity: ReturnType<typeof component>) => {
    const getDeployments = jest.fn(async () => podinfoDeployments);
    await entityDeployments(mockFleetApi({ getDeployments }), entity);
    return getDeployments.mock.calls[0] as unknown[];
  };

  it('sends the app annotation along, so the backend skips the catalog', async () => {
    expect(
      await call(component('podinfo', { 'flux-fleet.io/app': 'podinfo' })),
    ).toEqual(['component:default/podinfo', { app: 'podinfo' }]);
    expect(
      await call(
        component('web', {
          'flux-fleet.io/app': 'podinfo',
          'backstage.io/kubernetes-id': 'web',
        }),
      ),
    ).toEqual(['component:default/web', { app: 'podinfo' }]);
  });

  it('lets the backend read the entity when it links by something the override would lose', async () => {
    // a kubernetes-id other than the name: the backend's fallback uses it
    expect(
      await call(
        component('web', {
          'flux-fleet.io/app': 'podinfo',
          'backstage.io/kubernetes-id': 'podinfo-web',
        }),
      ),
    ).toEqual(['component:default/web']);
    // no app annotation: the backend links by kubernetes-id or name
    expect(await call(component('web', {}))).toEqual(['component:default/web']);
  });
});
