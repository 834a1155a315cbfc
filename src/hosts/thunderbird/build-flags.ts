/** Set by webpack's DefinePlugin: true only in the test build (test/hosts), false in the shipped add-on. */
declare const __SIGNET_TEST__: boolean;
export const TEST_BUILD: boolean = __SIGNET_TEST__;
