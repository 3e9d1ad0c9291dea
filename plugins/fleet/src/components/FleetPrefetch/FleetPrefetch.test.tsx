import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { fireEvent, screen } from '@testing-library/react';
import { Link } from 'react-router-dom';
import { fleetApiRef } from '../../api/FleetApi';
import { podinfoDeployments } from '../../__fixtures__/fleet';
import { mockFleetApi } from '../../__fixtures__/mockFleetApi';
import { entityRefOfPath, FleetPrefetch } from './FleetPrefetch';

const ENTITY_PATH = '/catalog/:namespace/:kind/:name';

async function renderAt(
  path: string,
  links: string[] = [],
  entityPath: string | undefined = ENTITY_PATH,
) {
  const getDeployments = jest.fn(async () => podinfoDeployments);
  await renderInTestApp(
    <TestApiProvider apis={[[fleetApiRef, mockFleetApi({ getDeployments })]]}>
      <FleetPrefetch />
      {links.map(to => (
        <Link key={to} to={to}>
          {to}
        </Link>
      ))}
    </TestApiProvider>,
    {
      routeEntries: [path],
      mountedRoutes: entityPath ? { [entityPath]: entityRouteRef } : {},
    },
  );
  return getDeployments;
}

describe('FleetPrefetch', () => {
  it("asks for a component's deployments on its entity page", async () => {
    const getDeployments = await renderAt('/catalog/default/component/podinfo');
    expect(getDeployments.mock.calls).toEqual([['component:default/podinfo']]);
  });

  it('asks when a link opens an entity page, once however many tabs follow', async () => {
    const getDeployments = await renderAt('/', [
      '/catalog/default/component/podinfo',
      '/catalog/default/component/podinfo/fleet',
    ]);
    expect(getDeployments).not.toHaveBeenCalled();
    fireEvent.click(screen.getByText('/catalog/default/component/podinfo'));
    expect(getDeployments.mock.calls).toEqual([['component:default/podinfo']]);
    fireEvent.click(
      screen.getByText('/catalog/default/component/podinfo/fleet'),
    );
    expect(getDeployments).toHaveBeenCalledTimes(1);
  });

  it('asks nothing on other pages and for entities of other kinds', async () => {
    for (const path of [
      '/',
      '/fleet',
      '/catalog',
      '/catalog/default/resource/prod',
      '/catalog/default/system/platform',
    ]) {
      expect(await renderAt(path)).not.toHaveBeenCalled();
    }
  });

  it('follows the path where the app mounts entity pages', async () => {
    const moved = '/software/:namespace/:kind/:name';
    expect(
      await renderAt('/software/team-a/component/podinfo', [], moved),
    ).toHaveBeenCalledWith('component:team-a/podinfo');
    expect(
      await renderAt('/catalog/default/component/podinfo', [], moved),
    ).not.toHaveBeenCalled();
  });

  it("falls back to the catalog's default path when no entity page is mounted", async () => {
    expect(
      await renderAt('/catalog/default/component/podinfo', [], undefined),
    ).toHaveBeenCalledWith('component:default/podinfo');
  });
});

describe('entityRefOfPath', () => {
  it('decodes and lower-cases the ref as stringifyEntityRef does', () => {
    expect(
      entityRefOfPath('/catalog/Default/Component/My%20App', ENTITY_PATH),
    ).toBe('component:default/my app');
  });

  it('names no entity for a malformed escape', () => {
    expect(
      entityRefOfPath('/catalog/default/component/%E0%A4%A', ENTITY_PATH),
    ).toBeUndefined();
  });
});
