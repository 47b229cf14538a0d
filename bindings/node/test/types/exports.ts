// The package's JavaScript exports satisfy its declarations: tsc (run by
// `npm run lint`) fails if index.d.ts and lib/index.js drift apart.
import * as declared from '../../index.js';
import implementation = require('../../lib/index.js');

const checked: typeof declared = implementation;
export default checked;
