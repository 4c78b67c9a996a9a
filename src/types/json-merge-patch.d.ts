declare module 'json-merge-patch' {
  const jsonMergePatch: {
    apply<T = unknown>(target: unknown, patch: unknown): T;
    generate(before: unknown, after: unknown): unknown;
    merge(patch1: unknown, patch2: unknown): unknown;
  };
  export default jsonMergePatch;
}
