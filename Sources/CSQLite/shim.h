#ifndef HACKD_CSQLITE_SHIM_H
#define HACKD_CSQLITE_SHIM_H
#include <sqlite3.h>

/// SQLITE_TRANSIENT is a cast macro Swift cannot import: it tells SQLite to
/// copy a bound value before the call returns.
static inline sqlite3_destructor_type hackd_sqlite_transient(void) {
    return SQLITE_TRANSIENT;
}

/// sqlite3_config is variadic, which Swift cannot call. Memory statistics
/// take a process-wide mutex on every SQLite allocation and free (about 47
/// per idea written); hackd never reads them. Only before SQLite is
/// initialised (SQLITE_MISUSE after).
static inline int hackd_sqlite_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
#endif
