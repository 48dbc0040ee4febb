/** Minimal typings for the `ldif` package (RFC 2849 parser), the parts this project uses. */
declare module 'ldif' {
  interface Record {
    dn: string;
    toObject(options: { decode?: boolean }): { dn: string; attributes: { [name: string]: unknown } };
  }
  interface Container {
    type: string;
    entries: Record[];
  }
  export function parse(text: string): Container;
}
