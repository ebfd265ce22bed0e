/**
 * References to the object types, declared before any is implemented: the types point at each other
 * (a paper has a venue, a venue has papers), so each module imports the refs, not the other modules.
 */
import type { Author, Paper, Topic, Venue } from '../db/queries/entities.js';
import { builder } from './builder.js';

export const AuthorRef = builder.objectRef<Author>('Author');
export const PaperRef = builder.objectRef<Paper>('Paper');
export const VenueRef = builder.objectRef<Venue>('Venue');
export const TopicRef = builder.objectRef<Topic>('Topic');
