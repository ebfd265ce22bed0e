/**
 * What it takes to export a network: the GraphQL document the server runs for it (its variables are the
 * field's arguments, taken from the URL) and how the field's answer maps to the flat shape. Adding a
 * network to /export is one such object in networks/index.ts.
 */
import type { NetworkFiguresShape } from '../../schema/network-figures.js';
import { checkAttributeSpecs, type AttributeSpec, type FlatNetwork } from './flat-network.js';

/** The `NetworkFigures` fields of a network's answer, as the export documents select them. */
export type NetworkFiguresAnswer = Omit<NetworkFiguresShape, 'communities'> & { communityCount: number; modularity: number | null };

export interface NetworkExport<Answer = any> {
  /** The root field, and the `network=` value of the URL. */
  field: string;
  /**
   * One query operation selecting `field`; its variables are the field's arguments, named alike, and are
   * the only parameters the URL may give besides `network` (and the format's own, such as `table`).
   */
  document: string;
  directed: boolean;
  graphAttributes: AttributeSpec[];
  nodeAttributes: AttributeSpec[];
  edgeAttributes: AttributeSpec[];
  weight: FlatNetwork['weight'];
  /** The field's answer (`data[field]`) as graph scalars, nodes and edges. */
  flatten(answer: Answer): Pick<FlatNetwork, 'graph' | 'nodes' | 'edges'>;
}

/** The flat network of one answer, with its declarations. */
export function flatNetworkOf(network: NetworkExport, answer: unknown): FlatNetwork {
  const { graph, nodes, edges } = network.flatten(answer);
  return {
    name: network.field,
    directed: network.directed,
    graphAttributes: network.graphAttributes,
    nodeAttributes: network.nodeAttributes,
    edgeAttributes: network.edgeAttributes,
    weight: network.weight,
    graph,
    nodes,
    edges,
  };
}

/** Checked once when the list of networks is built: a mistake here is the server's, found at start. */
export function checkRegistration(network: NetworkExport): NetworkExport {
  checkAttributeSpecs(`${network.field} graph`, network.graphAttributes);
  checkAttributeSpecs(`${network.field} nodes`, network.nodeAttributes);
  checkAttributeSpecs(`${network.field} edges`, network.edgeAttributes);
  return network;
}
