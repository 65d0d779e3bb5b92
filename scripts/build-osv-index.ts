// Write the per-package index of the bundled OSV snapshot beside it, so the packed tarball ships it and
// the first `pyvet deps` after install does not unzip the whole database. Runs after tsc, from dist/scripts/.
import { BUNDLED_DB, INDEX_SUFFIX, loadDatabase } from '../src/deps/osv/database.js';

const db = loadDatabase(BUNDLED_DB);
console.log(`osv index: ${db.packages().length} packages -> data/osv/${BUNDLED_DB.split('/').pop()}${INDEX_SUFFIX}`);
