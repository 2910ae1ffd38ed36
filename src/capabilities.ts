/**
 * Importing this module registers every capability's detectors (secrets, ...) with the
 * runner. Both the main thread and worker threads import it.
 */
import './secrets/index.js';

export {};
import './deps/register.js';
