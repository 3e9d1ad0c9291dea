import {
  Content,
  EmptyState,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { fleetApiRef } from '../../api/FleetApi';
import { RefreshStatus, sinceText } from '../shared/RefreshStatus';
import { CompareView } from './CompareView';
import { FilterBar } from './FilterBar';
import { OverviewMatrix } from './OverviewMatrix';
import { defaultFilter, overviewItems } from './overviewRows';
import { ProblemsTable } from './ProblemsTable';
import { useOwners } from './useOwners';

function ClusterChoice(props: {
  label: string;
  value: string;
  clusters: string[];
  onChange: (v: string) => void;
}) {
  return (
    <TextField
      select
      label={props.label}
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      style={{ minWidth: 140 }}
      SelectProps={{
        SelectDisplayProps: { 'aria-label': props.label } as object,
      }}
    >
      {props.clusters.map(c => (
        <MenuItem key={c} value={c}>
          {c}
        </MenuItem>
      ))}
    </TextField>
  );
}

/**
 * The fleet overview: the matrix of units × clusters grouped by kind, its
 * filters, compare mode between two clusters, the repository checks, and the
 * revision and last refresh. A failed or stale refresh is announced and the
 * last good model stays on screen.
 */
export function FleetOverviewContent() {
  const fleetApi = useApi(fleetApiRef);
  const overview = useAsync(() => fleetApi.getOverview(), [fleetApi]);
  // the status is decoration: the matrix shows without it
  const status = useAsync(() => fleetApi.getStatus(), [fleetApi]);
  const [filter, setFilter] = useState(defaultFilter);
  const [mode, setMode] = useState<'matrix' | 'compare'>('matrix');
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const owners = useOwners(overview.value?.rows);
  const items = useMemo(
    () => overviewItems(overview.value?.rows ?? [], filter, owners),
    [overview.value, filter, owners],
  );

  if (overview.loading) return <Progress />;
  if (overview.error)
    return (
      <ResponseErrorPanel
        error={overview.error}
        title="The fleet could not be read"
      />
    );
  const value = overview.value!;
  if (value.clusters.length === 0) {
    return (
      <EmptyState
        missing="content"
        title="No clusters in the fleet"
        description="The fleet repository has no clusters the engine could find. Check fleet.source in app-config.yaml and the repository checks."
      />
    );
  }
  const clusterNames = value.clusters.map(c => c.name);
  const compareFrom =
    from ?? (clusterNames.includes('test') ? 'test' : clusterNames[0]);
  const compareTo =
    to ??
    (clusterNames.includes('prod')
      ? 'prod'
      : clusterNames[clusterNames.length - 1]);
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        {status.value ? (
          <RefreshStatus status={status.value} />
        ) : (
          <Typography variant="body2" color="textSecondary">
            Revision {value.revision?.slice(0, 12) ?? 'working tree'} ·
            refreshed {sinceText(value.refreshedAt)}
          </Typography>
        )}
      </Grid>
      <Grid item xs={12}>
        <Box
          display="flex"
          justifyContent="space-between"
          alignItems="flex-end"
          flexWrap="wrap"
        >
          <ButtonGroup size="small" color="primary" aria-label="View">
            <Button
              variant={mode === 'matrix' ? 'contained' : 'outlined'}
              onClick={() => setMode('matrix')}
            >
              What runs where
            </Button>
            <Button
              variant={mode === 'compare' ? 'contained' : 'outlined'}
              onClick={() => setMode('compare')}
            >
              Compare clusters
            </Button>
          </ButtonGroup>
          {mode === 'compare' && (
            <Box display="flex" style={{ gap: 16 }}>
              <ClusterChoice
                label="From"
                value={compareFrom}
                clusters={clusterNames}
                onChange={setFrom}
              />
              <ClusterChoice
                label="To"
                value={compareTo}
                clusters={clusterNames}
                onChange={setTo}
              />
            </Box>
          )}
        </Box>
      </Grid>
      {mode === 'matrix' ? (
        <Grid item xs={12}>
          <FilterBar
            filter={filter}
            onChange={setFilter}
            clusters={value.clusters}
            owners={[...new Set(owners.values())].sort()}
          />
          <Box mt={2}>
            {items.length === 0 ? (
              <EmptyState missing="data" title="No unit matches the filters" />
            ) : (
              <OverviewMatrix
                items={items}
                clusters={value.clusters}
                repositoryUrl={status.value?.repositoryUrl}
              />
            )}
          </Box>
        </Grid>
      ) : (
        <Grid item xs={12}>
          <CompareView from={compareFrom} to={compareTo} rows={value.rows} />
        </Grid>
      )}
      <Grid item xs={12}>
        <ProblemsTable
          problems={value.problems}
          repositoryUrl={status.value?.repositoryUrl}
        />
      </Grid>
    </Grid>
  );
}

/** The fleet overview page, with its header. */
export function FleetOverviewPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Fleet"
        subtitle="What is supposed to run where, from Git"
      />
      <Content>
        <FleetOverviewContent />
      </Content>
    </Page>
  );
}
