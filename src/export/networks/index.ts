/**
 * Every network /export can write, by the `network=` value (the GraphQL field's name). A new network is
 * one registration module here.
 */
import { checkRegistration, type NetworkExport } from '../network-registration.js';
import { coauthorNetworkExport } from './coauthor-network.js';
import { collaborationPathExport } from './collaboration-path.js';

export const networkExports: ReadonlyMap<string, NetworkExport> = new Map(
  [coauthorNetworkExport, collaborationPathExport].map((n) => [n.field, checkRegistration(n)]),
);
