import {
  Content,
  ContentHeader,
  EmptyState,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import type { FleetMatrix, FleetProblem } from '@flux-fleet/backstage-plugin-fleet-common';
import useAsync from 'react-use/esm/useAsync';
import { fleetApiRef } from '../api/FleetApi';
import { whatRunsWhere, WhatRunsWhereRow } from './whatRunsWhere';

function matrixColumns(matrix: FleetMatrix): TableColumn<WhatRunsWhereRow>[] {
  return [
    { title: 'Unit', field: 'id', highlight: true },
    { title: 'Kind', field: 'kind' },
    ...matrix.clusters.map(
      (c): TableColumn<WhatRunsWhereRow> => ({
        title: c.name,
        render: row => {
          const cell = row.cells[c.name];
          if (!cell) return '—';
          const replicas = cell.replicas === undefined ? '' : ` · ${cell.replicas} replicas`;
          return `${cell.objects} objects${replicas}`;
        },
      }),
    ),
  ];
}

const problemColumns: TableColumn<FleetProblem>[] = [
  { title: 'Severity', field: 'severity' },
  { title: 'Rule', field: 'rule' },
  { title: 'Cluster', render: p => p.cluster ?? '—' },
  { title: 'Where', render: p => (p.file ? `${p.file}${p.line ? `:${p.line}` : ''}` : '—') },
  { title: 'Message', field: 'message' },
];

/** The fleet overview: what runs where, and the repository's problems. */
export function FleetOverviewContent() {
  const fleetApi = useApi(fleetApiRef);
  const { value: matrix, loading, error } = useAsync(() => fleetApi.getMatrix(), [fleetApi]);

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!matrix || matrix.clusters.length === 0) {
    return (
      <EmptyState
        missing="content"
        title="No clusters in the fleet"
        description="The fleet repository has no clusters/<name> directories. Check fleet.source in app-config.yaml."
      />
    );
  }
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Typography variant="body2">
          Revision {matrix.revision ?? 'working tree'} · {matrix.clusters.length} clusters ·{' '}
          {matrix.objects.length} objects · {matrix.problems.length} problems
        </Typography>
      </Grid>
      <Grid item xs={12}>
        <Table
          title="What runs where"
          options={{ paging: false, search: true, padding: 'dense' }}
          columns={matrixColumns(matrix)}
          data={whatRunsWhere(matrix)}
        />
      </Grid>
      <Grid item xs={12}>
        {matrix.problems.length === 0 ? (
          <InfoCard title="Repository checks">No problems found.</InfoCard>
        ) : (
          <Table
            title="Repository checks"
            options={{ paging: matrix.problems.length > 20, pageSize: 20, padding: 'dense' }}
            columns={problemColumns}
            data={matrix.problems}
          />
        )}
      </Grid>
    </Grid>
  );
}

/** The fleet overview page, with its header. */
export function FleetOverviewPage() {
  return (
    <Page themeId="tool">
      <Header title="Fleet" subtitle="What is supposed to run where, from Git" />
      <Content>
        <ContentHeader title="Clusters and units" />
        <FleetOverviewContent />
      </Content>
    </Page>
  );
}
