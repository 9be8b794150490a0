/** True in the dev server and the browser tests' build (mode e2e); false in `vite build`: the development sign-in is compiled out. */
declare const __DEV_SIGN_IN__: boolean;
