#ifndef HACKD_CLIBUV_SHIM_H
#define HACKD_CLIBUV_SHIM_H
#include <uv.h>
#endif
