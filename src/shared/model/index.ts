export * from './scalar';
export * from './profiles';
export * from './job';
export * from './catalogs';
export * from './workflow';
export * from './diagnostic';
