/*
 * A test backend with the real permission backend and the example policy
 * (permissionPolicy.ts), mock identities whose groups come from a
 * user-info service, and the routes the fleet plugin serves, read from the
 * running express app, so a route added to the fleet router without a case
 * in the security table fails that table's test.
 */
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogBackend from '@backstage/plugin-catalog-backend';
import permissionBackend from '@backstage/plugin-permission-backend';
import {
  AuthorizeResult,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import scaffolderBackend from '@backstage/plugin-scaffolder-backend';
import { fleetClusterReadPermission } from '@flux-fleet/backstage-plugin-fleet-common';
import type { Server } from 'node:http';
import { fleetFeatures } from '../fleetFeatures';
import { FleetPermissionPolicy, PLATFORM_GROUP } from '../permissionPolicy';

/** The groups of each mock user, as the catalog's membership would give them. */
export const GROUPS: Record<string, string[]> = {
  'user:default/alice': [PLATFORM_GROUP],
  'user:default/bob': ['group:default/team-x'],
  'user:default/carol': ['group:default/contractors'],
  'user:default/mallory': ['group:default/outsiders'],
};

/** The clusters `group:default/contractors` may read. */
export const CONTRACTOR_CLUSTERS = ['dev', 'test'];

/** The Authorization header of each identity a case is tried with. */
export const IDENTITIES: Record<string, Record<string, string>> = {
  'no token': {},
  'an invalid token': {
    Authorization: mockCredentials.user.invalidHeader(),
  },
  'a platform member': {
    Authorization: mockCredentials.user.header('user:default/alice'),
  },
  'a non-member': {
    Authorization: mockCredentials.user.header('user:default/bob'),
  },
  'a service token': { Authorization: mockCredentials.service.header() },
  'a contractor (reads dev and test only)': {
    Authorization: mockCredentials.user.header('user:default/carol'),
  },
  'an outsider (no fleet permission)': {
    Authorization: mockCredentials.user.header('user:default/mallory'),
  },
};

/**
 * The example policy, untouched for everyone in {@link GROUPS} but two
 * groups the tests add: outsiders get no fleet permission at all, and
 * contractors read only {@link CONTRACTOR_CLUSTERS}, a CONDITIONAL decision
 * the fleet plugin applies with its IS_CLUSTER rule.
 */
class TestPolicy implements PermissionPolicy {
  readonly #example = new FleetPermissionPolicy();

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const groups = user?.info.ownershipEntityRefs ?? [];
    if (
      request.permission.name.startsWith('fleet.') &&
      groups.includes('group:default/outsiders')
    ) {
      return { result: AuthorizeResult.DENY };
    }
    if (
      request.permission.name === fleetClusterReadPermission.name &&
      groups.includes('group:default/contractors')
    ) {
      return {
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'fleet',
        resourceType: 'fleet-cluster',
        conditions: {
          rule: 'IS_CLUSTER',
          resourceType: 'fleet-cluster',
          params: { clusters: CONTRACTOR_CLUSTERS },
        },
      };
    }
    return this.#example.handle(request, user);
  }
}

const testPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'fleet-test-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new TestPolicy());
      },
    });
  },
});

// as the catalog's sign-in resolvers do: a user owns itself and its groups
const userInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials) {
      const principal = credentials.principal as { userEntityRef?: string };
      const ref = principal.userEntityRef ?? '';
      return {
        userEntityRef: ref,
        ownershipEntityRefs: [ref, ...(GROUPS[ref] ?? [])],
      };
    },
  }),
});

const MOCK_SERVICE_TOKEN = 'Bearer mock-service-token:';

/**
 * The mock HTTP auth, but a token a plugin asked for on behalf of a user
 * authenticates as that user with the plugin as `actor`, as Backstage's
 * real plugin tokens do. The permission backend applies a CONDITIONAL
 * decision through the fleet plugin's apply-conditions route, which refuses
 * a user principal without an actor; the mock drops the actor.
 */
const httpAuthFactory = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }) {
    const mock = mockServices.httpAuth({
      pluginId: plugin.getId(),
      defaultCredentials: mockCredentials.none(),
    });
    return {
      credentials: (async (req: any, options: any) => {
        const header: string = req.headers.authorization ?? '';
        if (header.startsWith(MOCK_SERVICE_TOKEN)) {
          const { obo, target } = JSON.parse(
            header.slice(MOCK_SERVICE_TOKEN.length),
          );
          const allowsUsers = !options?.allow || options.allow.includes('user');
          if (obo && target === plugin.getId() && allowsUsers) {
            return mockCredentials.user(obo, {
              actor: { subject: 'plugin:permission' },
            });
          }
        }
        return mock.credentials(req, options);
      }) as typeof mock.credentials,
      issueUserCookie: (res, options) => mock.issueUserCookie(res, options),
    };
  },
});

/**
 * Starts the Fleet features with the real catalog, scaffolder and
 * permission backends, the real permissions client and {@link TestPolicy}.
 * A request without a token is anonymous (not the default mock user).
 */
export async function startPolicyBackend(fleetPath: string) {
  return startTestBackend({
    features: [
      catalogBackend,
      scaffolderBackend,
      permissionBackend,
      testPolicyModule,
      ...fleetFeatures,
      userInfoFactory,
      // without `result`, the real permissions client of backend-defaults
      mockServices.permissions.factory(),
      httpAuthFactory,
      mockServices.rootConfig.factory({
        data: {
          fleet: { source: { path: fleetPath } },
          permission: { enabled: true },
          catalog: { processingInterval: { seconds: 1 } },
        },
      }),
    ],
  });
}

/**
 * `method path` of every route the plugin `pluginId` serves, from the
 * running server's express stack (Backstage's own `/.well-known` routes
 * and `/.backstage` routes and `/health`, open by design, left out).
 */
export function servedRoutes(server: Server, pluginId: string): string[] {
  const app = server.listeners('request')[0] as any;
  const routesOf = (stack: any[]): string[] =>
    stack.flatMap((layer: any) => {
      if (layer.route) {
        return Object.keys(layer.route.methods).map(
          m => `${m} ${layer.route.path}`,
        );
      }
      return Array.isArray(layer.handle?.stack)
        ? routesOf(layer.handle.stack)
        : [];
    });
  // the root router mounts each plugin's router at /api/<pluginId>
  const mounted = (stack: any[]): any[] =>
    stack.flatMap((layer: any) => {
      if (!Array.isArray(layer.handle?.stack)) return [];
      if (
        layer.regexp?.test(`/api/${pluginId}`) &&
        !layer.regexp.test('/api/catalog')
      ) {
        return [layer.handle];
      }
      return mounted(layer.handle.stack);
    });
  const routers = mounted(app._router.stack);
  if (routers.length !== 1) {
    throw new Error(`expected one router at /api/${pluginId}`);
  }
  return routesOf(routers[0].stack)
    .filter(r => !/ \/\.(well-known|backstage)\//.test(r))
    .filter(r => r !== 'get /health')
    .sort();
}
