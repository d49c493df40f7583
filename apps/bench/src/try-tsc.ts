import { typecheckProject } from "./typecheck/typecheck-project.js";
const [dir, ...inc] = process.argv.slice(2);
console.log(JSON.stringify(await typecheckProject(dir!, inc, 1, dir!.includes("bcts") ? { customConditions: ["@bcts/source"] } : {})));
