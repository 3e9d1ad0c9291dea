import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { navModule } from './modules/nav';
import { homeModule } from './modules/home';
import fleetPlugin from '@flux-fleet/backstage-plugin-fleet/alpha';

export default createApp({
  features: [catalogPlugin, fleetPlugin, navModule, homeModule],
});
