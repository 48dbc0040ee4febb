/** Minimal typings for the `stopword` package: the word lists this project uses. */
declare module 'stopword' {
  export const eng: readonly string[];
  export const deu: readonly string[];
}
