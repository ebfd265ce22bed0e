/**
 * Figures every network of sets has (collaboration graphs, citation graphs): its components and its
 * Louvain communities. One interface, so both types describe them alike and a client can ask for them
 * with one fragment.
 */
import type { Communities } from '../src/networks/communities.js';
import type { GraphFigures } from '../src/networks/graph-figures.js';
import { builder } from './builder.js';

export interface NetworkFiguresShape {
  nodeCount: number;
  edgeCount: number;
  density: number;
  componentCount: number;
  largestComponentSize: number;
  isolatedShare: number;
  communities: () => Communities;
}

export const NetworkFigures = builder.interfaceRef<NetworkFiguresShape>('NetworkFigures').implement({
  description: 'Figures of a whole network: its size, its connected components and its Louvain communities.',
  fields: (t) => ({
    nodeCount: t.exposeInt('nodeCount', { description: 'Nodes in the network.' }),
    edgeCount: t.exposeInt('edgeCount', { description: 'Edges in the network.' }),
    componentCount: t.exposeInt('componentCount', { description: 'Connected components (an isolated node is one).' }),
    largestComponentSize: t.exposeInt('largestComponentSize', { description: 'Nodes in the largest connected component (0 for an empty network).' }),
    isolatedShare: t.exposeFloat('isolatedShare', { description: 'Share of nodes without any edge (0 for an empty network).' }),
    communityCount: t.int({ description: 'Louvain communities (an isolated node is one).', resolve: (f) => f.communities().count }),
    modularity: t.float({ nullable: true, description: 'Weighted modularity of the communities; null without edges.', resolve: (f) => f.communities().modularity }),
  }),
});

/** The figures every network of sets has, from its graph figures (density is each kind's own: directed or not). */
export function networkFigures(
  nodeCount: number,
  edgeCount: number,
  density: number,
  figures: GraphFigures,
  communities: () => Communities,
): NetworkFiguresShape {
  return {
    nodeCount,
    edgeCount,
    density,
    componentCount: figures.componentSizes.length,
    largestComponentSize: figures.componentSizes[0] ?? 0,
    isolatedShare: figures.isolatedShare,
    communities,
  };
}
