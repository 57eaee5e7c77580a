// esbuild options for the panel bundle, shared by build.mjs and the reproducibility test.

export const OUTFILE = "../custom_components/plexgeo/frontend/plexgeo-panel.js";
// Home Assistant's static handler (aiohttp's FileResponse) serves this gzip sibling to browsers
// that accept gzip, so it is what crosses the network.
export const GZ_OUTFILE = `${OUTFILE}.gz`;
export const BUDGET_GZIP = 100 * 1024;

export const options = {
  entryPoints: ["src/plexgeo-panel.ts"],
  outfile: OUTFILE,
  bundle: true,
  format: "esm",
  minify: true,
  target: ["es2022"],
  legalComments: "eof",
  // No source map and no timestamps: `npm ci && npm run build` must reproduce the committed file.
  sourcemap: false,
  logLevel: "info",
};
