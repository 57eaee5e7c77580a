// The stream log's filter form and the server filters it stands for.

import type { StreamFilters } from "../types.js";
import { dateInputToIso } from "./format.js";

export interface FilterForm {
  user_id: string;
  country: string;
  network: string;
  media_type: string;
  from: string;
  to: string;
  search: string;
  order: string;
}

export const EMPTY_FORM: FilterForm = {
  user_id: "",
  country: "",
  network: "",
  media_type: "",
  from: "",
  to: "",
  search: "",
  order: "newest",
};

/** The server filters for a filter form (dates as days in `timeZone`, undefined: the
 * browser's); empty fields are left out. The order is not a filter. */
export function formToFilters(form: FilterForm, timeZone?: string): StreamFilters {
  const filters: StreamFilters = {};
  if (form.user_id) filters.user_id = form.user_id;
  if (form.country) filters.country = form.country;
  if (form.network === "lan" || form.network === "wan") filters.network = form.network;
  if (form.media_type) filters.media_type = form.media_type;
  const since = dateInputToIso(form.from, false, timeZone);
  const until = dateInputToIso(form.to, true, timeZone);
  if (since) filters.since = since;
  if (until) filters.until = until;
  if (form.search.trim()) filters.search = form.search.trim();
  return filters;
}
