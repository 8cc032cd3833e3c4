// Entry point of the language server (placeholder until the LSP shell lands).
export {};
