/**
 * Opens the dialler's `tel:` link the way a click on a link would, without the number ever
 * being written into the page (the link exists only for the click). Used by the workstation's
 * dial and the supervisor's re-check call.
 *
 * @example
 * openTelLink(answer.uri); // answer: the dial action's ZDialResponse of kind 'tel'
 */
export function openTelLink(uri: string) {
  const link = document.createElement('a');
  link.href = uri;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
}
