// Test bodies are checked by their assertions, field by field: let `res.json()` be loosely
// typed in tests only (declaration merging puts this overload first).
declare global {
  interface Response {
    // biome-ignore lint/suspicious/noExplicitAny: see above
    json(): Promise<any>;
  }
}

export {};
