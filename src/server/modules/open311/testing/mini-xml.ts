/**
 * A strict little XML reader for tests, the way a generic Open311 client reads answers: it
 * refuses a document that is not well-formed (unbalanced or mismatched tags, a raw `&` or `<` in
 * text, an unknown entity) and turns `<root><item><field>v</field>…</item></root>` into objects.
 * Test code only.
 */
export interface XmlElement {
  name: string;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  if (/<|>/.test(text.replace(/&gt;/g, ''))) throw new Error(`raw < in text: ${text}`);
  return text.replace(/&([^;]*);?/g, (m, name: string) => {
    if (!m.endsWith(';') || !(name in ENTITIES)) throw new Error(`bad entity ${m}`);
    return ENTITIES[name]!;
  });
}

/** Parses a whole document (an optional XML declaration, one root element). */
export function parseXml(xml: string): XmlElement {
  let rest = xml.replace(/^<\?xml [^?]*\?>/, '');
  const stack: XmlElement[] = [{ name: '#document', children: [], text: '' }];
  while (rest.length) {
    const lt = rest.indexOf('<');
    if (lt === -1) throw new Error('text after the root element');
    if (lt > 0) {
      const text = rest.slice(0, lt);
      if (stack.length === 1 && text.trim()) throw new Error('text outside the root');
      stack[stack.length - 1]!.text += decode(text);
    }
    const gt = rest.indexOf('>', lt);
    if (gt === -1) throw new Error('unterminated tag');
    const tag = rest.slice(lt + 1, gt);
    rest = rest.slice(gt + 1);
    if (tag.startsWith('/')) {
      const open = stack.pop()!;
      if (open.name !== tag.slice(1)) throw new Error(`</${tag.slice(1)}> closes <${open.name}>`);
    } else {
      const selfClosing = tag.endsWith('/');
      const name = selfClosing ? tag.slice(0, -1) : tag;
      if (!/^[A-Za-z_][\w.-]*$/.test(name)) throw new Error(`bad tag <${tag}>`);
      const element: XmlElement = { name, children: [], text: '' };
      stack[stack.length - 1]!.children.push(element);
      if (!selfClosing) stack.push(element);
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  const [root, ...more] = stack[0]!.children;
  if (!root || more.length) throw new Error('a document has exactly one root element');
  return root;
}

/** `<root><item>…</item></root>` as a list of `{ field: text }` (an empty element is ''). */
export function xmlItems(root: XmlElement): Record<string, string>[] {
  return root.children.map((item) => Object.fromEntries(item.children.map((f) => [f.name, f.text])));
}
