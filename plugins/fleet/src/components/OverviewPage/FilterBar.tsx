import type { FleetClusterSummary } from '@flux-fleet/backstage-plugin-fleet-common';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';
import { kindOrder, OverviewFilter } from './overviewRows';

const useStyles = makeStyles(theme => ({
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    alignItems: 'flex-end',
  },
  select: { minWidth: 140 },
}));

function Choice(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  children: ReactNode;
}) {
  const classes = useStyles();
  const id = `fleet-filter-${props.label.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <FormControl className={classes.select}>
      <InputLabel id={id}>{props.label}</InputLabel>
      <Select
        labelId={id}
        value={props.value}
        onChange={e => props.onChange(e.target.value as string)}
        SelectDisplayProps={{ 'aria-label': props.label } as object}
      >
        {props.children}
      </Select>
    </FormControl>
  );
}

/** Search, kind, cluster and owner filters of the overview, and the bootstrap switch. */
export function FilterBar(props: {
  filter: OverviewFilter;
  onChange: (filter: OverviewFilter) => void;
  clusters: FleetClusterSummary[];
  owners: string[];
}) {
  const classes = useStyles();
  const { filter, onChange } = props;
  return (
    <div className={classes.bar}>
      <TextField
        label="Search"
        value={filter.search}
        onChange={e => onChange({ ...filter, search: e.target.value })}
        inputProps={{ 'aria-label': 'Search units' }}
      />
      <Choice
        label="Kind"
        value={filter.kinds[0] ?? 'all'}
        onChange={v =>
          onChange({
            ...filter,
            kinds: v === 'all' ? [] : [v as OverviewFilter['kinds'][0]],
          })
        }
      >
        <MenuItem value="all">All kinds</MenuItem>
        {kindOrder.map(k => (
          <MenuItem key={k.kind} value={k.kind}>
            {k.title}
          </MenuItem>
        ))}
      </Choice>
      <Choice
        label="Cluster"
        value={filter.cluster ?? 'all'}
        onChange={v => onChange({ ...filter, cluster: v === 'all' ? null : v })}
      >
        <MenuItem value="all">All clusters</MenuItem>
        {props.clusters.map(c => (
          <MenuItem key={c.name} value={c.name}>
            {c.name}
          </MenuItem>
        ))}
      </Choice>
      <Choice
        label="Owner"
        value={filter.owner ?? 'all'}
        onChange={v => onChange({ ...filter, owner: v === 'all' ? null : v })}
      >
        <MenuItem value="all">All owners</MenuItem>
        {props.owners.map(o => (
          <MenuItem key={o} value={o}>
            {o}
          </MenuItem>
        ))}
      </Choice>
      <FormControlLabel
        control={
          <Switch
            checked={filter.showBootstrap}
            onChange={e =>
              onChange({ ...filter, showBootstrap: e.target.checked })
            }
          />
        }
        label="Flux bootstrap"
      />
    </div>
  );
}
