// A country shown as its alpha-2 code in a small tag: flag emoji render as bare letters
// or empty boxes on Windows and on systems without an emoji font.

import { html, type TemplateResult } from "lit";

export function countryTag(code: string | null | undefined): TemplateResult | string {
  return code ? html`<span class="cc" aria-hidden="true">${code}</span>` : "";
}
