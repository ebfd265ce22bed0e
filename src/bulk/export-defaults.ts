/** Bulk-export defaults, apart from the route so the configuration can read them without loading it. */

/** Bulk exports streaming at once; one more is refused with SERVER_BUSY (MAX_CONCURRENT_EXPORTS). */
export const DEFAULT_MAX_CONCURRENT_EXPORTS = 4;
