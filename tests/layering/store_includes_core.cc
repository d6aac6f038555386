// The control for store_includes_services.cc: what the store may include
// builds, so that its failure is the include's and nothing else's.
#include "core/status.h"
#include "store/store.h"
