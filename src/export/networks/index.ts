/**
 * Every network /export can write, by the `network=` value (the GraphQL field's name). A new network is
 * one registration module here.
 */
import { checkRegistration, type NetworkExport } from '../network-registration.js';
import { citationGraphExport } from './citation-graph.js';
import { coauthorNetworkExport } from './coauthor-network.js';
import { collaborationGraphExport } from './collaboration-graph.js';
import { collaborationPathExport } from './collaboration-path.js';

export const networkExports: ReadonlyMap<string, NetworkExport> = new Map(
  [coauthorNetworkExport, collaborationPathExport, collaborationGraphExport, citationGraphExport].map((n) => [n.field, checkRegistration(n)]),
);
