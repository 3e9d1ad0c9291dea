import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { FleetDiffEntry } from '@flux-fleet/backstage-plugin-fleet-common';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { fleetApiRef } from '../../api/FleetApi';
import { YamlDiff } from './YamlDiff';

const changeText = (e: FleetDiffEntry, from: string, to: string) =>
  ({
    added: `only on ${to}`,
    removed: `only on ${from}`,
    changed: 'changed',
    unchanged: 'same',
  }[e.change]);

function objectTitle(e: FleetDiffEntry): string {
  return `${e.kind} ${e.namespace ? `${e.namespace}/` : ''}${e.name}`;
}

function ClusterSelect(props: {
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
        SelectDisplayProps: { 'aria-label': `Diff ${props.label}` } as object,
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
 * Side-by-side diff of this app's rendered objects between any two clusters
 * (`GET /diff?from&to&entityRef`); unchanged objects are counted, not drawn.
 */
export function AppDiff(props: {
  entityRef: string;
  clusters: string[];
  from: string;
  to: string;
}) {
  const fleetApi = useApi(fleetApiRef);
  const [from, setFrom] = useState(props.from);
  const [to, setTo] = useState(props.to);
  const { value, loading, error } = useAsync(
    () => fleetApi.getDiff({ from, to, entityRef: props.entityRef }),
    [fleetApi, from, to, props.entityRef],
  );
  const changed = (value?.entries ?? []).filter(e => e.change !== 'unchanged');
  const unchanged = (value?.entries.length ?? 0) - changed.length;
  return (
    <div>
      <Box display="flex" style={{ gap: 16 }} mb={2}>
        <ClusterSelect
          label="from"
          value={from}
          clusters={props.clusters}
          onChange={setFrom}
        />
        <ClusterSelect
          label="to"
          value={to}
          clusters={props.clusters}
          onChange={setTo}
        />
      </Box>
      {loading && <Progress />}
      {error && (
        <ResponseErrorPanel
          error={error}
          title="The diff could not be computed"
        />
      )}
      {value && (
        <>
          <Typography variant="body2" color="textSecondary" gutterBottom>
            {changed.length} objects differ between {from} and {to}; {unchanged}{' '}
            are the same.
          </Typography>
          {changed.map(e => (
            <Box
              key={`${e.apiVersion}/${objectTitle(e)}`}
              mb={2}
              data-testid="fleet-diff-entry"
            >
              <Typography variant="subtitle2">
                {objectTitle(e)} ({changeText(e, from, to)})
              </Typography>
              <YamlDiff
                before={e.fromYaml}
                after={e.toYaml}
                leftTitle={from}
                rightTitle={to}
              />
            </Box>
          ))}
        </>
      )}
    </div>
  );
}
