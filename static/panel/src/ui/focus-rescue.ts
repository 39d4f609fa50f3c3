/**
 * Puts focus on `element` when an action left it nowhere: a button that disables itself while
 * it works drops the keyboard focus onto <body>, and the next Tab would start from the top of
 * the page. Focus the lead moved elsewhere meanwhile is left alone.
 */
export function rescueFocus(element: HTMLElement | null | undefined): void {
  const active = document.activeElement;
  if (element && (!active || active === document.body)) element.focus({ preventScroll: false });
}
