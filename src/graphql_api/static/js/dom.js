// Builds elements from data without ever parsing it as HTML.

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else if (name === "class") element.className = value;
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  element.append(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  return element;
}

export function byId(id) {
  return document.getElementById(id);
}

export function show(element, visible = true) {
  element.hidden = !visible;
}

export function replaceChildren(element, ...children) {
  element.replaceChildren(...children.flat(Infinity).filter(Boolean));
}

export function tableRegion(label, table) {
  return h("div", { class: "table-scroll", role: "region", "aria-label": label, tabindex: 0 }, table);
}
