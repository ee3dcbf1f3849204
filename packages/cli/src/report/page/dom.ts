/// <reference lib="dom" />

/** What an element may contain: nodes, text (never parsed as HTML), or nothing. */
export type Child = Node | string | number | null | undefined | false;

/** Attributes of {@link el}: `className`, or any HTML attribute by name. */
export type Attributes = { className?: string } & Record<string, string | undefined>;

/**
 * Creates an element with attributes and children. Text is added as text nodes, so the data of a report
 * (comments written by models) can never inject markup.
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    if (name === "className") element.className = value;
    else element.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === "number" ? String(child) : child);
  }
  return element;
}

/** The element with this id, which the page itself created. */
export function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the report page has no element #${id}`);
  return element as T;
}
