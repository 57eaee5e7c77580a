import assert from "node:assert/strict";
import { test } from "node:test";

import { rangeSummary } from "../src/lib/summary.js";

test("the range summary adds up: LAN and WAN make the total, located is part of WAN", () => {
  // The figures: 50 located, 14 LAN, 58 WAN read as if they did not add up.
  assert.equal(rangeSummary({ lan: 14, wan: 58, located: 50 }, "en-US"), "72 streams · 14 LAN · 58 WAN (50 located)");
  assert.equal(rangeSummary({ lan: 1, wan: 0, located: 0 }, "en-US"), "1 stream · 1 LAN · 0 WAN");
  assert.equal(rangeSummary({ lan: 0, wan: 0, located: 0 }, "en-US"), "0 streams · 0 LAN · 0 WAN");
  assert.equal(
    rangeSummary({ lan: 1000, wan: 2500, located: 2400 }, "en-US"),
    "3,500 streams · 1,000 LAN · 2,500 WAN (2,400 located)",
  );
});
