/** Types of eslint.layers.js, for the test that checks the layers (test/unit/architecture). */
export declare const LAYERS: Readonly<Record<string, readonly string[]>>;
export declare function layerRules(): readonly object[];
