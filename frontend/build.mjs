// Copies the browser builds we use out of node_modules into the Django
// static folder. Nothing here is committed: `make setup` runs it.
import { copyFileSync, mkdirSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "tiewise", "static", "vendor");
mkdirSync(out, { recursive: true });

const files = {
  "htmx.min.js": "node_modules/htmx.org/dist/htmx.min.js",
  "cytoscape.min.js": "node_modules/cytoscape/dist/cytoscape.min.js",
  "cytoscape-svg.js": "node_modules/cytoscape-svg/cytoscape-svg.js",
  "tom-select.complete.min.js": "node_modules/tom-select/dist/js/tom-select.complete.min.js",
  "tom-select.default.min.css": "node_modules/tom-select/dist/css/tom-select.default.min.css",
  // The source maps the two files name (the static manifest needs them).
  "tom-select.complete.min.js.map": "node_modules/tom-select/dist/js/tom-select.complete.min.js.map",
  "tom-select.default.min.css.map": "node_modules/tom-select/dist/css/tom-select.default.min.css.map",
};
for (const [name, source] of Object.entries(files)) {
  const from = join(here, source);
  if (!existsSync(from)) {
    console.error(`missing ${source}: run npm ci first`);
    process.exit(1);
  }
  copyFileSync(from, join(out, name));
}
console.log(`built ${Object.keys(files).length} files into tiewise/static/vendor`);
