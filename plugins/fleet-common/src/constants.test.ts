import { FLEET_APP_ANNOTATION, RELATION_DEPLOYED_TO, RELATION_HAS_DEPLOYMENT } from './constants';
import { fleetPermissions } from './permissions';

describe('fleet-common', () => {
  it('names the annotation and relations the catalog module and the UI agree on', () => {
    expect(FLEET_APP_ANNOTATION).toBe('flux-fleet.io/app');
    expect([RELATION_DEPLOYED_TO, RELATION_HAS_DEPLOYMENT]).toEqual(['deployedTo', 'hasDeployment']);
  });

  it('declares distinct read and promote permissions', () => {
    expect(fleetPermissions.map(p => p.name)).toEqual(['fleet.read', 'fleet.promote']);
    expect(fleetPermissions[1].attributes.action).toBe('update');
  });
});
