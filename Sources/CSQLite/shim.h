#ifndef HACKD_CSQLITE_SHIM_H
#define HACKD_CSQLITE_SHIM_H
#include <sqlite3.h>

/// SQLITE_TRANSIENT is a cast macro Swift cannot import: it tells SQLite to
/// copy a bound value before the call returns.
static inline sqlite3_destructor_type hackd_sqlite_transient(void) {
    return SQLITE_TRANSIENT;
}
#endif
