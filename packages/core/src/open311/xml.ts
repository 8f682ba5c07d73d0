/**
 * A small XML writer for the Open311 documents. GeoReport v2 XML is schemaless: elements
 * only, no attributes, no namespace. Its JSON is the same tree by the Spark convention, so
 * one value serves both: an array becomes a wrapper element whose items are named by
 * `itemNames` (`services` → `service`, `errors` → `error`, …).
 *
 * Text is escaped (`& < > " '`), and characters XML 1.0 cannot carry at all (most control
 * characters, lone surrogates, U+FFFE/U+FFFF) are dropped, so resident text never breaks
 * the document. Element names come from our own code, never from input, and are checked.
 */
export type XmlValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | XmlValue[]
  | { [name: string]: XmlValue };

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** XML 1.0 characters: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000 and up. */
function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    cp >= 0x10000
  );
}

function dropNonXmlChars(text: string): string {
  let out = "";
  // Iterates by code point: a lone surrogate comes alone (U+D800–U+DFFF) and is dropped.
  for (const ch of text) if (isXmlChar(ch.codePointAt(0) ?? 0)) out += ch;
  return out;
}

export function escapeXmlText(text: string): string {
  return dropNonXmlChars(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

function element(name: string, value: XmlValue, itemNames: Record<string, string>): string {
  if (!NAME.test(name)) throw new Error(`not an XML element name: ${name}`);
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = itemNames[name];
    if (!item) throw new Error(`no item element name for array ${name}`);
    return `<${name}>${value.map((v) => element(item, v, itemNames)).join("")}</${name}>`;
  }
  if (typeof value === "object") {
    const children = Object.entries(value)
      .map(([k, v]) => element(k, v, itemNames))
      .join("");
    return `<${name}>${children}</${name}>`;
  }
  const text = typeof value === "string" ? value : String(value);
  return `<${name}>${escapeXmlText(text)}</${name}>`;
}

/** The whole document, with the XML declaration the spec requires (UTF-8). */
export function toXml(root: string, value: XmlValue, itemNames: Record<string, string>): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element(root, value, itemNames)}\n`;
}
