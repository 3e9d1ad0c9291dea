import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type {
  EntityClusterDeployment,
  EntityDeploymentsResponse,
} from '@flux-fleet/backstage-plugin-fleet-common';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useMemo } from 'react';
import { fleetApiRef } from '../../api/FleetApi';
import {
  entryLabel,
  formatRef,
  imageTag,
  promoteUrl,
  skewed,
} from '../shared/format';
import { entityDeployments } from '../shared/entityDeployments';
import { useAnswer } from '../shared/useAnswer';

const useStyles = makeStyles(theme => ({
  skew: {
    fontWeight: theme.typography.fontWeightBold as number,
    backgroundColor: theme.palette.type === 'dark' ? '#5c4a00' : '#fff4c2',
  },
  absent: { color: theme.palette.text.secondary, fontStyle: 'italic' },
  // the card shares the overview's wide column with others: headings stay
  // on one line, the cells wrap
  head: { '& th': { whiteSpace: 'nowrap' } },
}));

/** The columns whose values differ between the clusters that run the app. */
export function skewOf(rows: EntityClusterDeployment[]) {
  const present = rows.filter(r => r.present);
  return {
    replicas: skewed(present.map(r => r.replicas)),
    images: skewed(present.map(r => r.images?.map(imageTag))),
    version: skewed(
      present.map(r => (r.chart ? `${r.chart}@${r.version}` : undefined)),
    ),
  };
}

function PresentRow(props: {
  row: EntityClusterDeployment;
  unit: string | null;
  skew: ReturnType<typeof skewOf>;
}) {
  const { row, unit, skew } = props;
  const classes = useStyles();
  const images = row.images ?? [];
  return (
    <TableRow data-testid={`deployed-to-${row.cluster}`}>
      <TableCell>
        <Typography variant="subtitle2">{row.cluster}</Typography>
        {row.stale && (
          <Tooltip
            title={`${row.stale.problem.message} (kept since ${
              row.stale.since ?? 'an earlier revision'
            })`}
          >
            <Chip size="small" label="stale" color="secondary" />
          </Tooltip>
        )}
        {row.problems.length > 0 && (
          <Chip size="small" label={`${row.problems.length} problems`} />
        )}
      </TableCell>
      <TableCell>{entryLabel(row.entry, unit)}</TableCell>
      <TableCell>{row.namespace ?? '—'}</TableCell>
      <TableCell
        className={skew.replicas ? classes.skew : undefined}
        aria-label="replicas"
      >
        {row.replicas ?? '—'}
      </TableCell>
      <TableCell
        className={skew.images || skew.version ? classes.skew : undefined}
      >
        {images.map(i => (
          <Tooltip key={i} title={i}>
            <div>{imageTag(i)}</div>
          </Tooltip>
        ))}
        {row.chart && (
          <div>
            chart {row.chart} {row.version ?? ''}
          </div>
        )}
        {images.length === 0 && !row.chart && '—'}
      </TableCell>
      <TableCell>
        {row.listedAt && row.listedAtUrl && (
          <Link to={row.listedAtUrl}>{formatRef(row.listedAt)}</Link>
        )}
        {row.listedAt && !row.listedAtUrl && formatRef(row.listedAt)}
      </TableCell>
    </TableRow>
  );
}

function AbsentRow(props: { row: EntityClusterDeployment; app: string }) {
  const classes = useStyles();
  return (
    <TableRow data-testid={`deployed-to-${props.row.cluster}`}>
      <TableCell>
        <Typography variant="subtitle2">{props.row.cluster}</Typography>
      </TableCell>
      <TableCell colSpan={4} className={classes.absent}>
        not deployed
      </TableCell>
      <TableCell>
        <Button
          size="small"
          variant="outlined"
          color="primary"
          href={promoteUrl(props.app, [props.row.cluster])}
        >
          Promote to {props.row.cluster}
        </Button>
      </TableCell>
    </TableRow>
  );
}

/** The table of the card, one row per cluster of the fleet. */
export function DeployedToTable(props: {
  deployments: EntityDeploymentsResponse;
}) {
  const { deployments } = props;
  const classes = useStyles();
  const skew = skewOf(deployments.clusters);
  return (
    <Table size="small" aria-label="Deployed to">
      <TableHead className={classes.head}>
        <TableRow>
          <TableCell>Cluster</TableCell>
          <TableCell>Entry</TableCell>
          <TableCell>Namespace</TableCell>
          <TableCell>Replicas</TableCell>
          <TableCell>Version</TableCell>
          <TableCell>Listed at</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {deployments.clusters.map(row =>
          row.present ? (
            <PresentRow
              key={row.cluster}
              row={row}
              unit={deployments.unit}
              skew={skew}
            />
          ) : (
            <AbsentRow
              key={row.cluster}
              row={row}
              app={deployments.app ?? ''}
            />
          ),
        )}
      </TableBody>
    </Table>
  );
}

function DeployedToContent() {
  const { entity } = useEntity();
  const fleetApi = useApi(fleetApiRef);
  // Asked during render, not in an effect: effects run only once the whole
  // entity page has rendered and committed, so the request would wait for
  // every other card on the page first; the answer is committed on its own
  // (useAnswer), not in the batch of the page's other updates
  const request = useMemo(
    () => entityDeployments(fleetApi, entity),
    [fleetApi, entity],
  );
  const { value, loading, error } = useAnswer(request);

  if (loading) {
    return (
      <InfoCard title="Deployed to">
        <Progress />
      </InfoCard>
    );
  }
  if (error)
    return (
      <ResponseErrorPanel
        error={error}
        title="Deployed to: the fleet could not be read"
      />
    );
  if (!value?.app) {
    return (
      <InfoCard title="Deployed to">
        <EmptyState
          missing="field"
          title="Not a fleet app"
          description="Add the annotation flux-fleet.io/app: <app name> to link this component to a fleet app."
        />
      </InfoCard>
    );
  }
  const present = value.clusters.filter(c => c.present).length;
  return (
    <InfoCard
      title="Deployed to"
      subheader={`Fleet app ${value.app} on ${present} of ${
        value.clusters.length
      } clusters · revision ${value.revision?.slice(0, 12) ?? 'working tree'}`}
      noPadding
    >
      {value.clusters.length === 0 ? (
        <Typography>The fleet has no clusters.</Typography>
      ) : (
        <DeployedToTable deployments={value} />
      )}
    </InfoCard>
  );
}

/**
 * "Deployed to": every cluster of the fleet, with what the entity's fleet app
 * runs there and where in Git that comes from. Loads one entity's deployments
 * (`GET /deployments`), never the whole matrix; its frame (title and progress
 * bar) is on screen from the first render.
 */
export function DeployedToCard() {
  return (
    <div data-testid="deployed-to-card">
      <DeployedToContent />
    </div>
  );
}
