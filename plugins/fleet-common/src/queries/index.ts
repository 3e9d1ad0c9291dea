export * from './fleetIndex';
export * from './selectApp';
export * from './entityDeployments';
export * from './fleetOverview';
export * from './clusterDiff';
export * from './objectFacts';
export * from './links';
export * from './restrictMatrix';
