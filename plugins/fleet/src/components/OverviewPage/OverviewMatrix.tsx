import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type {
  FleetClusterSummary,
  FleetOverviewRow,
} from '@flux-fleet/backstage-plugin-fleet-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { CSSProperties, memo } from 'react';
import { FixedSizeList, ListChildComponentProps } from 'react-window';
import { fileUrl } from '../shared/format';
import { cellSummary, OverviewItem } from './overviewRows';

const ROW_HEIGHT = 44;
const UNIT_WIDTH = 280;
const CELL_WIDTH = 150;

const useStyles = makeStyles(theme => ({
  line: {
    display: 'flex',
    alignItems: 'center',
    borderBottom: `1px solid ${theme.palette.divider}`,
    boxSizing: 'border-box',
  },
  header: { fontWeight: 'bold', background: theme.palette.background.default },
  group: {
    background: theme.palette.background.default,
    fontWeight: 'bold',
    paddingLeft: theme.spacing(1),
  },
  unit: {
    width: UNIT_WIDTH,
    flexShrink: 0,
    padding: theme.spacing(0, 1),
    overflow: 'hidden',
  },
  cell: {
    width: CELL_WIDTH,
    flexShrink: 0,
    padding: theme.spacing(0, 1),
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    textOverflow: 'ellipsis',
    fontSize: '0.85rem',
  },
  absent: { color: theme.palette.text.disabled },
  stale: { color: theme.palette.warning.main, fontWeight: 'bold' },
  problems: { color: theme.palette.error.main },
}));

/** Props of {@link OverviewMatrix}. */
export interface OverviewMatrixProps {
  items: OverviewItem[];
  clusters: FleetClusterSummary[];
  repositoryUrl?: string | null;
  /** Height of the scrolling area in pixels. */
  height?: number;
}

interface LineData extends OverviewMatrixProps {
  entityPath: (ref: string) => string;
}

function UnitName(props: {
  row: FleetOverviewRow;
  entityPath: (ref: string) => string;
}) {
  const { row, entityPath } = props;
  return (
    <>
      <Typography variant="body2" noWrap title={row.id}>
        {row.entityRefs.length > 0 ? (
          <Link to={entityPath(row.entityRefs[0])}>{row.name}</Link>
        ) : (
          row.name
        )}
      </Typography>
      <Typography
        variant="caption"
        color="textSecondary"
        noWrap
        component="div"
      >
        {row.id}
      </Typography>
    </>
  );
}

const Line = memo((props: ListChildComponentProps<LineData>) => {
  const { index, style, data } = props;
  const classes = useStyles();
  const item = data.items[index];
  if (item.type === 'group') {
    return (
      <div
        style={style}
        className={`${classes.line} ${classes.group}`}
        role="row"
      >
        <span role="rowheader">
          {item.title} ({item.count})
        </span>
      </div>
    );
  }
  const { row } = item;
  return (
    <div
      style={style}
      className={classes.line}
      role="row"
      data-testid={`overview-row-${row.id}`}
    >
      <div className={classes.unit} role="rowheader">
        <UnitName row={row} entityPath={data.entityPath} />
      </div>
      {data.clusters.map(c => {
        const placement = row.clusters[c.name];
        if (!placement) {
          return (
            <div
              key={c.name}
              className={`${classes.cell} ${classes.absent}`}
              role="cell"
              aria-label={`${c.name}: absent`}
            >
              —
            </div>
          );
        }
        const text = cellSummary(placement);
        const href = fileUrl(data.repositoryUrl, {
          file: placement.via?.file ?? placement.entry,
          line: placement.via?.line,
        });
        return (
          <div
            key={c.name}
            className={classes.cell}
            role="cell"
            title={`${placement.entry} (${placement.objects} objects)`}
            aria-label={`${c.name}: ${text}`}
          >
            {href ? <Link to={href}>{text}</Link> : text}
            {placement.stale && <span className={classes.stale}> · stale</span>}
            {placement.problems > 0 && (
              <span className={classes.problems}>
                {' '}
                · {placement.problems} problems
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
});

/**
 * The what-runs-where matrix: units down, clusters across. Only the lines in
 * view are in the DOM (react-window), so 500 units × 20 clusters scroll as
 * smoothly as ten.
 */
export function OverviewMatrix(props: OverviewMatrixProps) {
  const classes = useStyles();
  const entityRoute = useRouteRef(entityRouteRef);
  const entityPath = (ref: string) => {
    const { kind, namespace, name } = parseEntityRef(ref);
    return entityRoute({
      kind: kind.toLocaleLowerCase('en-US'),
      namespace,
      name,
    });
  };
  const width = UNIT_WIDTH + CELL_WIDTH * props.clusters.length;
  const height = Math.min(props.height ?? 600, ROW_HEIGHT * props.items.length);
  const headerStyle: CSSProperties = { width, height: ROW_HEIGHT };
  return (
    <div
      style={{ overflowX: 'auto' }}
      role="table"
      aria-label="What runs where"
    >
      <div
        className={`${classes.line} ${classes.header}`}
        style={headerStyle}
        role="row"
      >
        <div className={classes.unit} role="columnheader">
          Unit
        </div>
        {props.clusters.map(c => (
          <div
            key={c.name}
            className={classes.cell}
            role="columnheader"
            title={c.path}
          >
            {c.name}
          </div>
        ))}
      </div>
      <FixedSizeList
        height={height}
        width={width}
        itemCount={props.items.length}
        itemSize={ROW_HEIGHT}
        itemData={{ ...props, entityPath }}
        overscanCount={8}
      >
        {Line}
      </FixedSizeList>
    </div>
  );
}
