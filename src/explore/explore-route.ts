/** Where the explorer lives on the server. */
export const EXPLORE_PATH = '/explore';
