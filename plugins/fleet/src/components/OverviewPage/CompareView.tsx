import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type {
  ClusterDiffResponse,
  FleetDiffEntry,
  FleetOverviewRow,
} from '@flux-fleet/backstage-plugin-fleet-common';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { fleetApiRef } from '../../api/FleetApi';
import { promoteUrl } from '../shared/format';

/** Entries of a diff grouped by unit (objects of no unit under `(no unit)`). */
export function byUnit(
  entries: FleetDiffEntry[],
): [string, FleetDiffEntry[]][] {
  const groups = new Map<string, FleetDiffEntry[]>();
  for (const e of entries) {
    const key = e.unit ?? '(no unit)';
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

function objectName(e: FleetDiffEntry): string {
  return `${e.kind} ${e.namespace ? `${e.namespace}/` : ''}${e.name}`;
}

function Section(props: {
  title: string;
  testId: string;
  entries: FleetDiffEntry[];
  rows: Map<string, FleetOverviewRow>;
  promoteTo?: string;
}) {
  const groups = byUnit(props.entries);
  return (
    <Grid item xs={12} md={4} data-testid={props.testId}>
      <Typography variant="h6">
        {props.title} ({groups.length})
      </Typography>
      {groups.length === 0 && (
        <Typography color="textSecondary">Nothing.</Typography>
      )}
      <List dense>
        {groups.map(([unit, entries]) => {
          const row = props.rows.get(unit);
          return (
            <ListItem key={unit} divider>
              <ListItemText
                primary={row ? `${row.name} (${unit})` : unit}
                secondary={entries.map(objectName).join(', ')}
              />
              {props.promoteTo && row?.kind === 'app' && (
                <Button
                  size="small"
                  variant="outlined"
                  href={promoteUrl(row.name, [props.promoteTo])}
                >
                  Promote
                </Button>
              )}
            </ListItem>
          );
        })}
      </List>
    </Grid>
  );
}

/**
 * Compare mode: what one cluster has and the other lacks (promotion
 * candidates), the reverse, and the objects that differ, from `GET /diff`.
 */
export function CompareView(props: {
  from: string;
  to: string;
  rows: FleetOverviewRow[];
}) {
  const { from, to } = props;
  const fleetApi = useApi(fleetApiRef);
  const { value, loading, error } = useAsync(
    (): Promise<ClusterDiffResponse> => fleetApi.getDiff({ from, to }),
    [fleetApi, from, to],
  );
  if (from === to) {
    return <EmptyState missing="data" title="Pick two different clusters" />;
  }
  if (loading) return <Progress />;
  if (error)
    return (
      <ResponseErrorPanel
        error={error}
        title="The diff could not be computed"
      />
    );
  const rows = new Map(props.rows.map(r => [r.id, r]));
  const entries = value?.entries ?? [];
  return (
    <Grid container spacing={2}>
      <Section
        title={`Only in ${from} (promotion candidates)`}
        testId="compare-only-in-from"
        entries={entries.filter(e => e.change === 'removed')}
        rows={rows}
        promoteTo={to}
      />
      <Section
        title={`Only in ${to}`}
        testId="compare-only-in-to"
        entries={entries.filter(e => e.change === 'added')}
        rows={rows}
      />
      <Section
        title="Different"
        testId="compare-changed"
        entries={entries.filter(e => e.change === 'changed')}
        rows={rows}
      />
    </Grid>
  );
}
