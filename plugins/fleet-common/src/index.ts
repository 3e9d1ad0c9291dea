/**
 * Isomorphic types, annotations, relations and permissions shared by the Fleet plugins.
 *
 * @packageDocumentation
 */
export * from './model';
export * from './constants';
export * from './permissions';
export * from './api';
export * from './queries';
export * from './secretData';
