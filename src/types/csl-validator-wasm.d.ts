declare module 'csl-validator-wasm' {
  /** Validates a CSL style or locale against the CSL schema; the empty string when it is valid. */
  export function validateStyle(xml: string): Promise<string>;
}
