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
import { CSSProperties, Fragment, memo, useMemo } from 'react';
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

/**
 * The unit's name, linked to the first component linked to it; further
 * components (a monorepo app with several catalog entries) follow the id.
 */
function UnitName(props: {
  row: FleetOverviewRow;
  entityPath: (ref: string) => string;
}) {
  const { row, entityPath } = props;
  const [first, ...more] = row.entityRefs;
  return (
    <>
      <Typography variant="body2" noWrap title={row.id}>
        {first ? <Link to={entityPath(first)}>{row.name}</Link> : row.name}
      </Typography>
      <Typography
        variant="caption"
        color="textSecondary"
        noWrap
        component="div"
      >
        {row.id}
        {more.map(ref => (
          <Fragment key={ref}>
            {' · '}
            <Link to={entityPath(ref)}>{parseEntityRef(ref).name}</Link>
          </Fragment>
        ))}
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
        // the cell opens the definition the cluster enters the unit by; the
        // listing file that brings it there is in the title
        const href = fileUrl(data.repositoryUrl, { file: placement.entry });
        const listed = placement.via
          ? `, listed at ${placement.via.file}:${placement.via.line}`
          : '';
        return (
          <div
            key={c.name}
            className={classes.cell}
            role="cell"
            title={`${placement.entry} (${placement.objects} objects${listed})`}
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
  // one itemData object per input, so memoized lines re-render only when
  // the rows or clusters change, not on every render of the page
  const { items, clusters, repositoryUrl } = props;
  const itemData = useMemo<LineData>(
    () => ({
      items,
      clusters,
      repositoryUrl,
      entityPath: (ref: string) => {
        const { kind, namespace, name } = parseEntityRef(ref);
        return entityRoute({
          kind: kind.toLocaleLowerCase('en-US'),
          namespace,
          name,
        });
      },
    }),
    [items, clusters, repositoryUrl, entityRoute],
  );
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
        itemData={itemData}
        overscanCount={8}
      >
        {Line}
      </FixedSizeList>
    </div>
  );
}
