// Material Design Icons as inline SVG (tree-shaken from @mdi/js: only the paths used ship).

import { svg, type SVGTemplateResult } from "lit";

export {
  mdiAlertCircleOutline,
  mdiArrowLeft,
  mdiCheck,
  mdiCheckAll,
  mdiChevronLeft,
  mdiChevronRight,
  mdiEarth,
  mdiMenu,
  mdiRefresh,
  mdiShieldCheck,
  mdiShieldOffOutline,
} from "@mdi/js";

/** An icon from an MDI path; `label` makes it announced, otherwise it is decorative. */
export function icon(path: string, label?: string): SVGTemplateResult {
  return label
    ? svg`<svg viewBox="0 0 24 24" role="img" aria-label=${label}><path d=${path}></path></svg>`
    : svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d=${path}></path></svg>`;
}
