import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { entityRouteRef, useEntity } from '@backstage/plugin-catalog-react';
import type { FleetOverviewRow } from '@flux-fleet/backstage-plugin-fleet-common';
import { ResponseError } from '@backstage/errors';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import ListSubheader from '@material-ui/core/ListSubheader';
import useAsync from 'react-use/esm/useAsync';
import { fleetApiRef } from '../../api/FleetApi';
import { cellSummary, kindOrder } from '../OverviewPage/overviewRows';

/** The cluster a `kubernetes-cluster` resource stands for: its name, as the catalog module names it. */
export function clusterOf(entity: {
  metadata: { name: string; annotations?: Record<string, string> };
}) {
  return (
    entity.metadata.annotations?.['flux-fleet.io/cluster'] ??
    entity.metadata.name
  );
}

/** The backend's 404 for a cluster the fleet does not have. */
function isMissing(error: Error | undefined) {
  return error instanceof ResponseError && error.statusCode === 404;
}

/**
 * What runs on this cluster, grouped by kind, from this cluster's column of
 * the overview (`GET /clusters/:name/overview`, a twentieth of the whole
 * overview at 20 clusters); units linked to components link to their pages.
 * Flux's own bootstrap objects are left out.
 */
export function ClusterCard() {
  const { entity } = useEntity();
  const cluster = clusterOf(entity);
  const fleetApi = useApi(fleetApiRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const { value, loading, error } = useAsync(
    () => fleetApi.getClusterOverview(cluster),
    [fleetApi, cluster],
  );

  if (loading) {
    return (
      <InfoCard title="Runs on this cluster">
        <Progress />
      </InfoCard>
    );
  }
  if (error && !isMissing(error))
    return (
      <ResponseErrorPanel
        error={error}
        title="Runs on this cluster: the fleet could not be read"
      />
    );
  if (!value?.clusters.some(c => c.name === cluster)) {
    // a 404, or an answer without the cluster
    return (
      <InfoCard title="Runs on this cluster">
        <EmptyState
          missing="data"
          title={`The fleet has no cluster ${cluster}`}
        />
      </InfoCard>
    );
  }
  const rows = value.rows.filter(r => r.clusters[cluster] && !r.bootstrap);
  const link = (row: FleetOverviewRow) => {
    if (row.entityRefs.length === 0) return row.name;
    const { kind, namespace, name } = parseEntityRef(row.entityRefs[0]);
    return (
      <Link
        to={entityRoute({
          kind: kind.toLocaleLowerCase('en-US'),
          namespace,
          name,
        })}
      >
        {row.name}
      </Link>
    );
  };
  return (
    <InfoCard
      title="Runs on this cluster"
      subheader={`${
        rows.length
      } units from the fleet repository · ${stringifyEntityRef(entity)}`}
      noPadding
    >
      {rows.length === 0 && (
        <EmptyState missing="data" title="Nothing but Flux runs here" />
      )}
      <List dense>
        {kindOrder.map(({ kind, title }) => {
          const group = rows
            .filter(r => r.kind === kind)
            .sort((a, b) => a.name.localeCompare(b.name));
          if (group.length === 0) return null;
          return (
            <li key={kind}>
              <ul style={{ padding: 0 }}>
                <ListSubheader>
                  {title} ({group.length})
                </ListSubheader>
                {group.map(row => (
                  <ListItem key={row.id} data-testid={`cluster-unit-${row.id}`}>
                    <ListItemText
                      primary={link(row)}
                      secondary={`${cellSummary(row.clusters[cluster])} · ${
                        row.clusters[cluster].entry
                      }`}
                    />
                  </ListItem>
                ))}
              </ul>
            </li>
          );
        })}
      </List>
    </InfoCard>
  );
}
