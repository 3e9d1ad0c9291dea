import { Link, WarningPanel } from '@backstage/core-components';
import type { FleetStatusResponse } from '@flux-fleet/backstage-plugin-fleet-common';
import Typography from '@material-ui/core/Typography';
import { DateTime } from 'luxon';

/** `2 minutes ago`, or `never` before the first refresh. */
export function sinceText(iso: string | null | undefined): string {
  if (!iso) return 'never';
  return DateTime.fromISO(iso).toRelative() ?? iso;
}

/**
 * Revision and last refresh of the served model, and, when the latest refresh
 * failed or some Flux Kustomizations are kept from an older revision, a
 * warning that says so: the views keep showing the last good model.
 */
export function RefreshStatus(props: { status: FleetStatusResponse }) {
  const { status } = props;
  const revision = status.revision
    ? status.revision.slice(0, 12)
    : 'working tree';
  return (
    <>
      <Typography
        variant="body2"
        color="textSecondary"
        data-testid="fleet-refresh-status"
      >
        Revision{' '}
        {status.repositoryUrl ? (
          <Link to={status.repositoryUrl}>{revision}</Link>
        ) : (
          revision
        )}{' '}
        · refreshed {sinceText(status.refreshedAt)} · {status.clusters} clusters
        · {status.objects} objects · {status.problems.error} errors,{' '}
        {status.problems.warning} warnings
        {status.phase !== 'idle'
          ? ` · ${status.phase} ${status.resolvingRevision ?? ''}`
          : ''}
      </Typography>
      {status.lastError && (
        <WarningPanel
          severity="warning"
          title={`The latest refresh failed ${sinceText(status.lastError.at)}`}
          message={`${status.lastError.message}. Showing the last good model (revision ${revision}).`}
        />
      )}
      {status.staleObjects > 0 && (
        <WarningPanel
          severity="info"
          title={`${status.staleObjects} stale objects`}
          message="They are kept from an earlier revision because their Flux Kustomization no longer builds at this one, as Flux keeps what it applied last."
        />
      )}
    </>
  );
}
