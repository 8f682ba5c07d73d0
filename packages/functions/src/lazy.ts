/**
 * A module loaded on first use and then kept. Use cases load with their first request, not at
 * cold start; holding the promise spares every later request the resolution `import()` does
 * on each call (through the loader's hooks under tsx, where it cost about 1 ms a request). A
 * failed load is forgotten, so the next request tries again.
 */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}
