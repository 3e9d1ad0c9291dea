import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import useAsync from 'react-use/esm/useAsync';
import { fleetApiRef } from '../../api/FleetApi';

/**
 * Scaffolder field `FleetAppPicker`: one of the fleet's apps (units of kind
 * app), named with the components linked to it; the value is the app name.
 * Reads the app list (`GET /apps`: names, components, clusters), not the
 * overview.
 */
export function FleetAppPicker(props: FieldExtensionComponentProps<string>) {
  const { formData, onChange, schema, required, rawErrors, idSchema } = props;
  const fleetApi = useApi(fleetApiRef);
  const { value, loading, error } = useAsync(
    () => fleetApi.getApps(),
    [fleetApi],
  );
  if (loading) return <Progress />;
  const apps = value ?? [];
  let help = schema.description;
  if (error) help = `The fleet could not be read: ${error.message}`;
  else if (apps.length === 0) help = 'The fleet has no apps to promote.';
  return (
    <TextField
      select
      fullWidth
      margin="normal"
      id={idSchema?.$id}
      label={schema.title ?? 'App'}
      required={required}
      value={formData ?? ''}
      onChange={e => onChange(e.target.value)}
      error={Boolean(error) || (rawErrors?.length ?? 0) > 0}
      helperText={help}
      SelectProps={{
        SelectDisplayProps: { 'aria-label': schema.title ?? 'App' } as object,
      }}
    >
      {apps.map(app => (
        <MenuItem key={app.id} value={app.name}>
          {app.name}
          {app.entityRefs.length > 0 ? ` (${app.entityRefs.join(', ')})` : ''} ·
          on {app.clusters.join(', ') || 'no cluster'}
        </MenuItem>
      ))}
    </TextField>
  );
}
