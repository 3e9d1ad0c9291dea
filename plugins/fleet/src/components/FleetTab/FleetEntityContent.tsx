import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { fleetApiRef } from '../../api/FleetApi';
import { entityDeployments } from '../shared/entityDeployments';
import { AppDiff } from './AppDiff';
import { ClusterObjects } from './ClusterObjects';

/** The two clusters the diff opens with: the first that runs the app, and prod when it does. */
export function defaultPair(clusters: string[]): [string, string] {
  const to = clusters.includes('prod') ? 'prod' : clusters[clusters.length - 1];
  const from = clusters.find(c => c !== to) ?? to;
  return [from, to];
}

/**
 * The Fleet tab of a component: per cluster, the rendered objects (Secrets
 * redacted by the API) with their provenance; and a side-by-side diff of the
 * app between any two clusters.
 */
export function FleetEntityContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const fleetApi = useApi(fleetApiRef);
  const { value, loading, error } = useAsync(
    () => entityDeployments(fleetApi, entity),
    [fleetApi, entity],
  );
  const [tab, setTab] = useState(0);

  if (loading) return <Progress />;
  if (error)
    return (
      <ResponseErrorPanel error={error} title="The fleet could not be read" />
    );
  const present = (value?.clusters ?? [])
    .filter(c => c.present)
    .map(c => c.cluster);
  if (!value?.app || present.length === 0) {
    return (
      <EmptyState
        missing="data"
        title={
          value?.app ? `${value.app} runs on no cluster` : 'Not a fleet app'
        }
        description={
          value?.app
            ? 'No cluster of the fleet lists this app. Promote it from the Deployed to card.'
            : 'Add the annotation flux-fleet.io/app: <app name> to link this component to a fleet app.'
        }
      />
    );
  }
  const [from, to] = defaultPair(present);
  const current = present[Math.min(tab, present.length - 1)];
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard
          title={`Rendered objects of ${value.app}`}
          subheader="What Flux applies, cluster by cluster, and the files that bring it"
        >
          <Tabs
            value={Math.min(tab, present.length - 1)}
            onChange={(_e, v) => setTab(v)}
            indicatorColor="primary"
          >
            {present.map(c => (
              <Tab key={c} label={c} />
            ))}
          </Tabs>
          <ClusterObjects cluster={current} entityRef={entityRef} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Differences between clusters">
          {present.length < 2 ? (
            `Runs on ${present[0]} only: nothing to compare.`
          ) : (
            <AppDiff
              entityRef={entityRef}
              clusters={present}
              from={from}
              to={to}
            />
          )}
        </InfoCard>
      </Grid>
    </Grid>
  );
}
