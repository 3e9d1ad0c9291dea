import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { useMemo } from 'react';
import { matchPath, useLocation } from 'react-router-dom';
import { fleetApiRef } from '../../api/FleetApi';

// where the catalog mounts its entity pages unless the app moved them
const DEFAULT_ENTITY_PATH = '/catalog/:namespace/:kind/:name';

/** The pattern of the catalog's entity route, as the app resolves it. */
function useEntityPathPattern(): string {
  try {
    // react-router's generatePath inserts the values as given, so naming
    // each parameter after itself gives back the route's pattern
    const route = useRouteRef(entityRouteRef);
    return route({ namespace: ':namespace', kind: ':kind', name: ':name' });
  } catch {
    // the app has not mounted the catalog's entity page (useRouteRef throws)
    return DEFAULT_ENTITY_PATH;
  }
}

/**
 * The entity ref of an entity page's path (its overview or any of its tabs)
 * when it is one of `kinds`; `undefined` for every other path.
 */
export function entityRefOfPath(
  pathname: string,
  pattern: string,
  kinds: string[] = ['component'],
): string | undefined {
  const match = matchPath({ path: pattern, end: false }, pathname);
  const { namespace, kind, name } = match?.params ?? {};
  if (!namespace || !kind || !name) return undefined;
  try {
    const ref = {
      kind: decodeURIComponent(kind),
      namespace: decodeURIComponent(namespace),
      name: decodeURIComponent(name),
    };
    if (!kinds.includes(ref.kind.toLowerCase())) return undefined;
    return stringifyEntityRef(ref);
  } catch {
    // a malformed escape in the address: not an entity page we can name
    return undefined;
  }
}

/**
 * Asks for a component's deployments as soon as the address names its
 * entity page, instead of when the "Deployed to" card mounts: the card can
 * mount only after the catalog has answered the entity and the entity page
 * has rendered (a few hundred milliseconds in scripts/bench/benchFrontend.ts),
 * while the request needs only the entity ref, which is in the URL. The
 * client keeps the answer for a few seconds (FleetClient's recent answers),
 * so the card's own call gets it without a second request. Renders nothing.
 *
 * Installed by default in the new frontend system (`app-root-element:fleet/prefetch`);
 * legacy apps render it once inside the router (see the README).
 */
export function FleetPrefetch() {
  const { pathname } = useLocation();
  const fleetApi = useApi(fleetApiRef);
  const pattern = useEntityPathPattern();
  const entityRef = entityRefOfPath(pathname, pattern);
  // Asked during render, not in an effect: the navigation's render of the
  // entity page commits before any effect runs, and this element renders
  // ahead of the routes. Keyed by the ref so tab changes ask nothing.
  useMemo(() => {
    if (!entityRef) return;
    // a failure is the card's to show (its own call asks again); here it is
    // only kept from being reported as unhandled
    fleetApi.getDeployments(entityRef).catch(() => undefined);
  }, [fleetApi, entityRef]);
  return null;
}
