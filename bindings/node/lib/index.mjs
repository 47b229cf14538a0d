// presence-engine: the ES module entry point. It re-exports the CommonJS
// module, so both entry points share one addon instance and one set of error
// classes (instanceof works whichever way a module was loaded).
import presence from './index.js';

export * from './index.js';
export default presence;
