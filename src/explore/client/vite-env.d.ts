// Vite's client types: `?raw` imports of the .graphql documents, import.meta.env.
/// <reference types="vite/client" />
