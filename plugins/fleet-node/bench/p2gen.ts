import { generateFleet } from '/work/main/plugins/fleet-node/bench/generateFleet';
import fs from 'node:fs';
const d = process.argv[2]; fs.mkdirSync(d, { recursive: true });
console.log(generateFleet(d, { clusters: Number(process.argv[3]), apps: Number(process.argv[4]) }));
