import { InfoCard, Progress, ResponseErrorPanel, Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { FLEET_APP_ANNOTATION, type FleetMatrix } from '@flux-fleet/backstage-plugin-fleet-common';
import useAsync from 'react-use/esm/useAsync';
import { fleetApiRef } from '../api/FleetApi';

/** One cluster an app is deployed to. */
export interface Deployment {
  cluster: string;
  entry: string | null;
  replicas: number | null;
  images: string[];
}

/** The clusters that run fleet app `app` (unit `apps/<app>`), with replicas and images. */
export function deploymentsOf(matrix: FleetMatrix, app: string): Deployment[] {
  const unitId = `apps/${app}`;
  const unit = matrix.units.find(u => u.id === unitId);
  return matrix.clusters
    .map(c => {
      const objects = matrix.objects.filter(o => o.cluster === c.name && o.unit === unitId);
      if (objects.length === 0) return undefined;
      const withReplicas = objects.filter(o => o.replicas !== undefined);
      return {
        cluster: c.name,
        entry: unit?.clusters[c.name]?.entry ?? null,
        replicas: withReplicas.length ? withReplicas.reduce((n, o) => n + (o.replicas ?? 0), 0) : null,
        images: [...new Set(objects.flatMap(o => o.images ?? []))].sort(),
      };
    })
    .filter((d): d is Deployment => d !== undefined);
}

const columns: TableColumn<Deployment>[] = [
  { title: 'Cluster', field: 'cluster', highlight: true },
  { title: 'Replicas', render: d => d.replicas ?? '—' },
  { title: 'Images', render: d => d.images.join(', ') || '—' },
  { title: 'From', render: d => d.entry ?? '—' },
];

/** "Deployed to": the clusters the entity's fleet app runs on, from Git. */
export function DeployedToCard() {
  const { entity } = useEntity();
  const app = entity.metadata.annotations?.[FLEET_APP_ANNOTATION];
  const fleetApi = useApi(fleetApiRef);
  const { value, loading, error } = useAsync(() => fleetApi.getMatrix(), [fleetApi]);

  if (!app) {
    return (
      <InfoCard title="Deployed to">
        <Typography>Add the annotation {FLEET_APP_ANNOTATION} to link this component to a fleet app.</Typography>
      </InfoCard>
    );
  }
  if (loading) return <InfoCard title="Deployed to"><Progress /></InfoCard>;
  if (error) return <ResponseErrorPanel error={error} title="Deployed to" />;
  const deployments = deploymentsOf(value!, app);
  if (deployments.length === 0) {
    return (
      <InfoCard title="Deployed to">
        <Typography>The fleet does not deploy {app} to any cluster.</Typography>
      </InfoCard>
    );
  }
  return (
    <Table
      title="Deployed to"
      subtitle={`Fleet app ${app} at revision ${value!.revision ?? 'working tree'}`}
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={columns}
      data={deployments}
    />
  );
}
