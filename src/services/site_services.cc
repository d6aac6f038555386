#include "services/site_services.h"

#include <utility>

namespace qalam {

SiteServices::SiteServices(Store& store, std::string media_dir, std::string model_path)
    : settings(store),
      accounts(store),
      related(store),
      desk(store, [this] { related.MarkDirty(); }),
      names(store),
      breaking(store),
      home(store),
      identity(store),
      media(store, std::move(media_dir)),
      media_worker(media),
      search(store),
      comments(store, std::move(model_path)),
      moderation(store, comments),
      terms(store),
      redirects(store),
      changes(store, comments, search, [this] { related.MarkDirty(); }),
      views(store),
      view_stats(store) {}

}  // namespace qalam
