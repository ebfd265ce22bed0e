/** Every type module, imported for its side effect of registering types; then the schema is built. */
import { withIndexPrefetch } from '../src/index-prefetch.js';
import { builder } from './builder.js';
import { withSyncNodeIds } from './sync-node-ids.js';
import './refs.js';
import './paper.js';
import './author.js';
import './venue.js';
import './topic.js';
import './author-network.js';
import './network.js';
import './metrics.js';
import './topic-groupings.js';
import './collaboration-graph.js';
import './collaboration-trend.js';
import './citation-graph.js';

export const schema = withIndexPrefetch(withSyncNodeIds(builder.toSchema({ sortSchema: false })));
