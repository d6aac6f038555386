// Built (by the layering test only) as part of the store: the store must not
// see the services above it, so this must fail to compile.
#include "store/store.h"
#include "services/search.h"
